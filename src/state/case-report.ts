// Gathers what the case report states about the chosen images from storage, then writes it as one HTML file.
import { create } from 'zustand';
import { type Annotation, isImageTag } from '../domain/annotation';
import { type AuditEntry, GENESIS_HASH, verifyChain } from '../domain/audit';
import { type CaseReport, caseReportHtml, type ReportImage, type ReportLabel } from '../domain/evidence/case-report';
import { matchLists } from '../domain/evidence/hash-list';
import type { ImageRecord } from '../domain/image';
import { annotationsOf, auditLog, getThumbnail } from '../storage';
import { viewOrder } from './gallery';
import { downloadBytes } from './vector-export';
import { useHashLists } from './hash-lists';
import { useLibrary } from './library';
import { useProjects } from './projects';
import { useSelection } from './selection';
import { database, errorMessage } from './project-context';

export interface CaseReportChoices {
  caseNumber: string;
  analyst: string;
  /** The images picked in the gallery, or every image it shows. */
  scope: 'picked' | 'shown';
}

interface CaseReportState {
  writing: { done: number; total: number } | null;
  message: string | null;
  error: string | null;
  write(choices: CaseReportChoices): Promise<void>;
}

async function dataUrl(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return `data:${blob.type || 'image/webp'};base64,${btoa(binary)}`;
}

/** The last audited decision on each annotation: who made it and when. */
function lastDecisions(audit: readonly AuditEntry[]): Map<string, AuditEntry> {
  const last = new Map<string, AuditEntry>();
  for (const entry of audit) for (const id of entry.annotationIds) last.set(id, entry);
  return last;
}

const reviewed = (a: Annotation) => a.status === 'accepted' || a.status === 'edited';

function reportLabel(a: Annotation, decisions: ReadonlyMap<string, AuditEntry>): ReportLabel {
  const decision = decisions.get(a.id);
  return {
    label: a.label,
    status: a.status,
    source: a.source,
    ...(a.score !== undefined ? { score: a.score } : {}),
    ...(isImageTag(a) ? {} : { box: a.shape.box }),
    createdAt: a.createdAt,
    ...(decision ? { decidedBy: decision.actor, decidedAt: decision.at } : {}),
    ...(a.original ? { original: `${a.original.label}${a.original.score !== undefined ? ` ${a.original.score.toFixed(3)}` : ''} at ${Math.round(a.original.box.x)}, ${Math.round(a.original.box.y)}, ${Math.round(a.original.box.w)} × ${Math.round(a.original.box.h)}` } : {}),
  };
}

function chosenImages(scope: CaseReportChoices['scope']): ImageRecord[] {
  if (scope === 'shown') return viewOrder();
  const picked = useSelection.getState().picked;
  return useLibrary.getState().images.filter((i) => picked.has(i.sha256));
}

export const useCaseReport = create<CaseReportState>((set) => ({
  writing: null,
  message: null,
  error: null,

  async write({ caseNumber, analyst, scope }) {
    set({ message: null, error: null });
    try {
      if (!caseNumber.trim()) throw new Error('a case number is needed');
      if (!analyst.trim()) throw new Error("the analyst's name is needed");
      const records = chosenImages(scope);
      if (records.length === 0) throw new Error(scope === 'picked' ? 'no images are picked in the gallery' : 'the gallery shows no images');
      const db = await database();
      const audit = await auditLog(db);
      const chain = await verifyChain(audit);
      const decisions = lastDecisions(audit);
      const lists = useHashLists.getState().lists;
      const images: ReportImage[] = [];
      set({ writing: { done: 0, total: records.length } });
      for (const [index, record] of records.entries()) {
        const thumbnail = await getThumbnail(db, record.sha256);
        const labels = (await annotationsOf(db, record.sha256)).filter(reviewed).map((a) => reportLabel(a, decisions));
        const { fileName, type, bytes, width, height, importedAt, sha256, md5, sha1, exif } = record;
        images.push({
          fileName, type, bytes, width, height, importedAt, sha256,
          ...(md5 ? { md5 } : {}),
          ...(sha1 ? { sha1 } : {}),
          ...(exif ? { exif } : {}),
          ...(thumbnail ? { thumbnail: await dataUrl(thumbnail) } : {}),
          labels,
          matches: matchLists(lists, record),
        });
        set({ writing: { done: index + 1, total: records.length } });
      }
      const report: CaseReport = {
        caseNumber: caseNumber.trim(),
        analyst: analyst.trim(),
        project: useProjects.getState().current?.name ?? '',
        createdAt: new Date().toISOString(),
        images,
        hashLists: lists.map((l) => ({ name: l.name, hashes: l.counts.md5 + l.counts.sha1 + l.counts.sha256, loadedAt: l.loadedAt })),
        audit: {
          entries: audit.length,
          headHash: audit.at(-1)?.hash ?? GENESIS_HASH,
          verified: chain.ok,
          ...(chain.ok ? {} : { problem: `entry ${chain.seq}: ${chain.reason}` }),
        },
      };
      const safeCase = report.caseNumber.replace(/[^\w.-]+/g, '_');
      downloadBytes(`case-${safeCase}-report.html`, caseReportHtml(report), 'text/html');
      set({ message: `Wrote the report on ${images.length} ${images.length === 1 ? 'image' : 'images'} (audit log: ${audit.length} entries).` });
    } catch (error) {
      set({ error: `No report was written: ${errorMessage(error)}` });
    } finally {
      set({ writing: null });
    }
  },
}));
