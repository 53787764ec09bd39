// Privacy on export: regions found by the detectors or drawn with chosen labels are blurred or pixelated in the
// exported copies, and metadata is stripped; the originals in the project never change. Each redacted copy is
// recorded in the audit log with the image's SHA-256 before and after.
import { isImageTag } from '../domain/annotation';
import { describeRegions, type RedactionMethod, type RedactionRegion, redactPixels } from '../domain/evidence/redact';
import { canStrip, stripMetadata } from '../domain/evidence/strip-metadata';
import { sha256Hex } from '../domain/hash';
import type { ImageRecord } from '../domain/image';
import { encodePixels, REENCODABLE } from '../platform/image-encode';
import { decodeToPixels } from '../platform/image-decode';
import { annotationsOf } from '../storage';
import { recordEvidence } from './evidence-audit';
import { detectedRegions } from './face-regions';
import { database } from './project-context';

export interface PrivacyChoices {
  faces: boolean;
  persons: boolean;
  /** Boxes with these labels (a `plate` a person drew, say) are hidden too. */
  labels: string[];
  method: RedactionMethod;
  stripMetadata: boolean;
}

export const NO_PRIVACY: PrivacyChoices = { faces: false, persons: false, labels: [], method: 'blur', stripMetadata: false };
export const redacts = (p: PrivacyChoices) => p.faces || p.persons || p.labels.length > 0;
export const changesImages = (p: PrivacyChoices) => redacts(p) || p.stripMetadata;

/** A copy that was redacted: what was hidden and the hash of the copy. */
export interface Redaction {
  record: ImageRecord;
  exportedAs: string;
  regions: RedactionRegion[];
  sha256After: string;
}

/** Refuses, before anything is read or written, images whose copies this cannot protect as asked. */
export function privacyProblems(records: readonly ImageRecord[], p: PrivacyChoices, includeImages: boolean): string[] {
  if (!changesImages(p)) return [];
  if (!includeImages) return ['redaction and metadata stripping apply to the exported image files: tick "Include the image files"'];
  if (!p.stripMetadata) return [];
  return records.filter((r) => !canStrip(r.type) && !REENCODABLE.has(r.type)).map((r) => `${r.fileName}: metadata cannot be stripped from ${r.type} files (only JPEG, PNG and WebP); leave it out of the export`);
}

/** Every region to hide, by image: detected faces and persons, and the project's boxes with the chosen labels. */
export async function regionsToHide(
  records: readonly ImageRecord[],
  p: PrivacyChoices,
  onProgress: (what: string, done: number, total: number) => void,
): Promise<Map<string, RedactionRegion[]>> {
  const regions = p.faces || p.persons ? await detectedRegions(records, p, onProgress) : new Map<string, RedactionRegion[]>();
  if (p.labels.length > 0) {
    const db = await database();
    const wanted = new Set(p.labels);
    for (const record of records) {
      const boxes = (await annotationsOf(db, record.sha256)).filter((a) => !isImageTag(a) && a.status !== 'rejected' && wanted.has(a.label));
      regions.set(record.sha256, [...(regions.get(record.sha256) ?? []), ...boxes.map((a) => ({ what: a.label, box: a.shape.box }))]);
    }
  }
  return regions;
}

/**
 * The bytes to export for one image: redacted and re-encoded (so without metadata) where it has regions to hide,
 * else stripped of metadata when asked, else the original bytes.
 */
export async function protectedCopy(
  record: ImageRecord,
  original: Blob,
  regions: readonly RedactionRegion[],
  p: PrivacyChoices,
): Promise<{ bytes: Uint8Array; redacted?: { regions: RedactionRegion[]; sha256After: string } }> {
  if (regions.length > 0) {
    if (!REENCODABLE.has(record.type)) throw new Error(`${record.fileName}: ${record.type} files cannot be redacted yet (only JPEG, PNG and WebP); leave it out of the export`);
    const pixels = await decodeToPixels(original);
    const done = redactPixels(pixels, regions, p.method);
    const bytes = await encodePixels(pixels, record.type);
    return { bytes, redacted: { regions: done, sha256After: await sha256Hex(bytes) } };
  }
  const bytes = new Uint8Array(await original.arrayBuffer());
  if (!p.stripMetadata) return { bytes };
  if (canStrip(record.type)) return { bytes: stripMetadata(bytes, record.type, record.exif?.orientation) };
  // WebP: written again by the browser's encoder, which writes no metadata.
  return { bytes: await encodePixels(await decodeToPixels(original), record.type) };
}

export function recordRedactions(redactions: readonly Redaction[], p: PrivacyChoices, exportName: string): Promise<void> {
  return recordEvidence(
    redactions.map(({ record, exportedAs, regions, sha256After }) => ({
      action: 'redact' as const,
      imageSha256: record.sha256,
      detail: {
        sha256Before: record.sha256,
        sha256After,
        fileName: record.fileName,
        exportedAs,
        export: exportName,
        method: p.method,
        hidden: describeRegions(regions),
        boxes: regions.map((r) => `${r.what} ${r.box.x},${r.box.y},${r.box.w},${r.box.h}`),
        metadataStripped: true,
      },
    })),
  );
}
