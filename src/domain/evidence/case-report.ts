// The case report: one self-contained HTML file (thumbnails inlined as data: URLs, styles inline, no script, a
// CSP that forbids every fetch) that a browser prints to PDF. Everything in it comes from the project as stored.
import type { AnnotationStatus } from '../annotation';
import { ALGORITHM_NAMES, type HashMatch } from './hash-list';
import { cameraName } from './exif-facts';
import type { ImageExif } from './metadata';

export interface ReportLabel {
  label: string;
  status: AnnotationStatus;
  /** Who made it: `model:<id>@<version>`, `human:<analyst>` or `import:<format>`. */
  source: string;
  score?: number;
  /** The box in image pixels; absent for an image-level tag. */
  box?: { x: number; y: number; w: number; h: number };
  createdAt: string;
  /** The last audited decision on it: who accepted or edited it, and when. */
  decidedBy?: string;
  decidedAt?: string;
  /** What the model first said, for a suggestion a person edited. */
  original?: string;
}

export interface ReportImage {
  fileName: string;
  type: string;
  bytes: number;
  width: number;
  height: number;
  importedAt: string;
  sha256: string;
  md5?: string;
  sha1?: string;
  exif?: ImageExif;
  /** data: URL of the stored thumbnail. */
  thumbnail?: string;
  labels: ReportLabel[];
  matches: HashMatch[];
}

export interface CaseReport {
  caseNumber: string;
  analyst: string;
  project: string;
  createdAt: string;
  images: ReportImage[];
  hashLists: { name: string; hashes: number; loadedAt: string }[];
  audit: { entries: number; headHash: string; verified: boolean; problem?: string };
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (value: unknown): string => String(value).replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** Only our own thumbnails' data: URLs go into src; anything else would be a way to make the report fetch. */
const safeImageUrl = (url: string | undefined) => (url && /^data:image\/(webp|png|jpeg);base64,[A-Za-z0-9+/=]+$/.test(url) ? url : undefined);

const CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'";

const STYLE = `
body { font: 11pt/1.4 system-ui, sans-serif; color: #111; margin: 2em; }
h1 { font-size: 18pt; margin: 0 0 .2em; }
h2 { font-size: 13pt; margin: 0 0 .4em; word-break: break-all; }
table { border-collapse: collapse; width: 100%; margin: .4em 0; }
th, td { text-align: left; vertical-align: top; padding: 2px 6px; border-bottom: 1px solid #ccc; }
th { width: 11em; font-weight: 600; }
.hash, .mono { font-family: ui-monospace, monospace; font-size: 9pt; word-break: break-all; }
.image { display: grid; grid-template-columns: 200px 1fr; gap: 1em; border-top: 2px solid #333; padding: 1em 0; break-inside: avoid; page-break-inside: avoid; }
.image img { max-width: 200px; max-height: 200px; border: 1px solid #999; }
.match { color: #a00; font-weight: 700; }
.labels td, .labels th { width: auto; font-size: 9.5pt; }
footer { border-top: 2px solid #333; margin-top: 1em; padding-top: .5em; }
@media print { body { margin: 0; } .image { break-inside: avoid; } }
`;

function row(name: string, value: string): string {
  return `<tr><th>${escapeHtml(name)}</th><td>${value}</td></tr>`;
}

function labelRows(labels: readonly ReportLabel[]): string {
  if (labels.length === 0) return '<p>No reviewed labels.</p>';
  const rows = labels.map((l) => {
    const box = l.box ? `${Math.round(l.box.x)}, ${Math.round(l.box.y)}, ${Math.round(l.box.w)} × ${Math.round(l.box.h)}` : 'whole image';
    const decided = l.decidedBy ? `${escapeHtml(l.decidedBy)}, ${escapeHtml(l.decidedAt ?? '')}` : '';
    return (
      `<tr><td>${escapeHtml(l.label)}</td><td>${escapeHtml(l.status)}</td><td>${l.score === undefined ? '' : l.score.toFixed(3)}</td>` +
      `<td class="mono">${escapeHtml(box)}</td><td>${escapeHtml(l.source)}, ${escapeHtml(l.createdAt)}${l.original ? `<br>model said: ${escapeHtml(l.original)}` : ''}</td><td>${decided}</td></tr>`
    );
  });
  return (
    '<table class="labels"><thead><tr><th>Label</th><th>Status</th><th>Score</th><th>Box (x, y, w × h px)</th><th>Made by, at</th><th>Decided by, at</th></tr></thead>' +
    `<tbody>${rows.join('')}</tbody></table>`
  );
}

function gpsText(exif: ImageExif | undefined): string {
  const gps = exif?.gps;
  if (!gps) return 'none';
  return `${gps.lat.toFixed(7)}, ${gps.lon.toFixed(7)}${gps.alt === undefined ? '' : `, ${gps.alt} m`} (WGS 84)`;
}

function imageSection(image: ReportImage, index: number): string {
  const thumbnail = safeImageUrl(image.thumbnail);
  const matches = image.matches.length
    ? image.matches.map((m) => `<span class="match">${escapeHtml(m.list)}</span> (${m.algorithms.map((a) => ALGORITHM_NAMES[a]).join(', ')})`).join('; ')
    : 'none';
  const exif = image.exif;
  const metadata = exif
    ? [
        row('Captured', escapeHtml(exif.time ?? 'unknown')),
        row('Camera', escapeHtml(cameraName(exif) ?? 'unknown')),
        row('GPS', escapeHtml(gpsText(exif))),
        ...(exif.software ? [row('Software', escapeHtml(exif.software))] : []),
        ...(exif.creator ? [row('Creator', escapeHtml(exif.creator))] : []),
        ...(exif.problem ? [row('Metadata problem', escapeHtml(exif.problem))] : []),
      ]
    : [row('Metadata', 'not read (imported before metadata was read)')];
  return `<section class="image" id="image-${index + 1}">
<div>${thumbnail ? `<img src="${thumbnail}" alt="${escapeHtml(image.fileName)}">` : 'no thumbnail'}</div>
<div>
<h2>${index + 1}. ${escapeHtml(image.fileName)}</h2>
<table>
${row('Size', `${image.bytes.toLocaleString('en')} bytes, ${image.width} × ${image.height} px, ${escapeHtml(image.type)}`)}
${row('Imported', escapeHtml(image.importedAt))}
${row('MD5', `<span class="hash">${escapeHtml(image.md5 ?? 'not computed')}</span>`)}
${row('SHA-1', `<span class="hash">${escapeHtml(image.sha1 ?? 'not computed')}</span>`)}
${row('SHA-256', `<span class="hash">${escapeHtml(image.sha256)}</span>`)}
${metadata.join('\n')}
${row('Hash-set matches', matches)}
</table>
${labelRows(image.labels)}
</div>
</section>`;
}

export function caseReportHtml(report: CaseReport): string {
  const lists = report.hashLists.length
    ? report.hashLists.map((l) => `${escapeHtml(l.name)} (${l.hashes.toLocaleString('en')} hashes, loaded ${escapeHtml(l.loadedAt)})`).join('; ')
    : 'none loaded';
  const chain = report.audit.verified ? 'verifies' : `DOES NOT VERIFY: ${escapeHtml(report.audit.problem ?? 'unknown problem')}`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<title>Case ${escapeHtml(report.caseNumber)}: image report</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>Case ${escapeHtml(report.caseNumber)}: image report</h1>
<table>
${row('Case number', escapeHtml(report.caseNumber))}
${row('Analyst', escapeHtml(report.analyst))}
${row('Project', escapeHtml(report.project))}
${row('Written', escapeHtml(report.createdAt))}
${row('Images', String(report.images.length))}
${row('Hash sets', lists)}
</table>
</header>
<main>
${report.images.map(imageSection).join('\n')}
</main>
<footer>
<table>
${row('Audit log entries', String(report.audit.entries))}
${row('Audit log head', `<span class="hash" id="audit-head">${escapeHtml(report.audit.headHash)}</span>`)}
${row('Hash chain', chain)}
</table>
</footer>
</body>
</html>
`;
}
