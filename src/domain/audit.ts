import { type Annotation, type Change, changedIds, type RecordedAction, type Source } from './annotation';
import type { AuditSignature } from './audit-signature';
import { sha256Hex, stableStringify } from './hash';

/**
 * Evidence events that are not annotation changes: an image found in a known-file hash list, a redacted copy
 * written on export. Their facts are in `detail`; `before` and `after` stay empty.
 */
export type EvidenceAction = 'hash-match' | 'redact';

/** Facts of an evidence entry: list names, hashes before and after, what was redacted and how. */
export type EvidenceDetail = Record<string, string | number | boolean | string[]>;

/** One change to annotations, chained to the one before it by hash so altering, removing or reordering entries shows. */
export interface AuditEntry {
  /** 1, 2, 3, ... with no gaps; also the storage key, so two writers racing for one seq cannot both succeed. */
  seq: number;
  at: string;
  actor: Source;
  action: RecordedAction | EvidenceAction;
  imageSha256: string;
  annotationIds: string[];
  before: Annotation[];
  after: Annotation[];
  prevHash: string;
  /** Evidence entries only (absent from annotation changes, so their hashes are as before). */
  detail?: EvidenceDetail;
  /** SHA-256 of stableStringify(the entry without `hash` and `signature`). */
  hash: string;
  /** The writing analyst's signature over `hash` (audit-signature.ts); absent on entries made before signing. */
  signature?: AuditSignature;
}

export const GENESIS_HASH = '0'.repeat(64);

export type ChainCheck = { ok: true } | { ok: false; seq: number; reason: string };

export function entryHash(entry: Omit<AuditEntry, 'hash'>): Promise<string> {
  const { seq, at, actor, action, imageSha256, annotationIds, before, after, prevHash, detail } = entry;
  return sha256Hex(stableStringify({ seq, at, actor, action, imageSha256, annotationIds, before, after, prevHash, detail }));
}

/** The entry that records `change` after `previous` (undefined for the first entry of the log). */
export async function appendEntry(previous: AuditEntry | undefined, change: Change, actor: Source = change.actor, at: string = change.at): Promise<AuditEntry> {
  const entry: Omit<AuditEntry, 'hash'> = {
    seq: (previous?.seq ?? 0) + 1,
    at,
    actor,
    action: change.action,
    imageSha256: change.imageSha256,
    annotationIds: changedIds(change),
    before: change.before,
    after: change.after,
    prevHash: previous?.hash ?? GENESIS_HASH,
  };
  return { ...entry, hash: await entryHash(entry) };
}

/** The entry that records an evidence event on one image after `previous`. */
export async function appendEvidenceEntry(
  previous: AuditEntry | undefined,
  event: { action: EvidenceAction; imageSha256: string; actor: Source; at: string; detail: EvidenceDetail },
): Promise<AuditEntry> {
  const entry: Omit<AuditEntry, 'hash'> = {
    seq: (previous?.seq ?? 0) + 1,
    at: event.at,
    actor: event.actor,
    action: event.action,
    imageSha256: event.imageSha256,
    annotationIds: [],
    before: [],
    after: [],
    prevHash: previous?.hash ?? GENESIS_HASH,
    detail: event.detail,
  };
  return { ...entry, hash: await entryHash(entry) };
}

/**
 * Checks a whole log, oldest first. Names the first entry that does not fit. A log cut short at its end
 * still verifies: only a copy of the last hash kept elsewhere can show that.
 */
export async function verifyChain(entries: readonly AuditEntry[]): Promise<ChainCheck> {
  let previous: AuditEntry | undefined;
  for (const entry of entries) {
    const expectedSeq = (previous?.seq ?? 0) + 1;
    if (entry.seq !== expectedSeq) {
      return { ok: false, seq: entry.seq, reason: `expected entry ${expectedSeq} here: entries are missing or out of order` };
    }
    if ((await entryHash(entry)) !== entry.hash) return { ok: false, seq: entry.seq, reason: 'the entry was altered after it was written' };
    if (entry.prevHash !== (previous?.hash ?? GENESIS_HASH)) {
      return { ok: false, seq: entry.seq, reason: 'the entry does not follow the one before it' };
    }
    previous = entry;
  }
  return { ok: true };
}
