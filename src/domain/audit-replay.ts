// The audit log proves the annotations only if they follow from it: replaying every entry from the first gives
// exactly the annotations stored, and the log ends where the project (or a backup's manifest) recorded its head.
// The hash chain alone proves neither: an annotation edited in storage, or entries cut from the end, leave it intact.
import type { Annotation } from './annotation';
import { type AuditEntry, GENESIS_HASH, verifyChain } from './audit';
import { stableStringify } from './hash';

/** Where the log ends: how many entries, and the hash of the last (GENESIS_HASH for an empty log). */
export interface ChainHead {
  count: number;
  hash: string;
}

export const headOf = (entries: readonly Pick<AuditEntry, 'hash'>[]): ChainHead => ({ count: entries.length, hash: entries.at(-1)?.hash ?? GENESIS_HASH });

export const isChainHead = (value: unknown): value is ChainHead =>
  typeof value === 'object' && value !== null && Number.isSafeInteger((value as ChainHead).count) && typeof (value as ChainHead).hash === 'string';

/** The annotations the log leaves, by id, each with the entry that last wrote it. */
export function replayLog(entries: readonly AuditEntry[]): Map<string, { annotation: Annotation; seq: number }> {
  const state = new Map<string, { annotation: Annotation; seq: number }>();
  for (const entry of entries) {
    const after = new Set(entry.after.map((a) => a.id));
    for (const a of entry.before) if (!after.has(a.id)) state.delete(a.id);
    for (const a of entry.after) state.set(a.id, { annotation: a, seq: entry.seq });
  }
  return state;
}

const FIELDS = ['imageSha256', 'label', 'status', 'shape', 'score', 'source', 'scope', 'original', 'createdAt', 'updatedAt'] as const;
const short = (id: string) => (id.length > 12 ? `${id.slice(0, 8)}…` : id);
const shown = (value: unknown) => (value === undefined ? 'nothing' : stableStringify(value));

/** The first way the stored annotations differ from what the log leaves, in words; null when they are the same. */
export function firstDifference(stored: readonly Annotation[], entries: readonly AuditEntry[]): string | null {
  const replayed = replayLog(entries);
  const byId = new Map(stored.map((a) => [a.id, a]));
  for (const a of [...stored].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0))) {
    const logged = replayed.get(a.id);
    if (!logged) return `annotation ${short(a.id)} (${a.label}) is stored, but no audit entry leaves it there`;
    if (stableStringify(a) === stableStringify(logged.annotation)) continue;
    const field = FIELDS.find((f) => stableStringify(a[f]) !== stableStringify(logged.annotation[f])) ?? 'a field';
    const values = field === 'a field' ? '' : `: ${shown(a[field as keyof Annotation])} where the log says ${shown(logged.annotation[field as keyof Annotation])}`;
    return `annotation ${short(a.id)} differs from the audit log (entry ${logged.seq}) in ${field}${values}`;
  }
  for (const [id, { annotation, seq }] of replayed) {
    if (!byId.has(id)) return `annotation ${short(id)} (${annotation.label}) is missing from storage, though audit entry ${seq} leaves it there`;
  }
  return null;
}

export type ProjectCheck =
  | { ok: true; entries: number; head: ChainHead }
  | { ok: false; entries: number; /** What is at fault, for a message: the log, the annotations, or its head. */ part: 'audit' | 'annotations' | 'head'; problem: string };

/**
 * Checks a project's annotations against its audit log: the hash chain from the first entry, the log's end
 * against the head recorded when it was last written (`recorded`; undefined where none was ever recorded), and
 * the replay of every entry against the stored annotations. Names the first fault.
 */
export async function verifyAnnotations(entries: readonly AuditEntry[], stored: readonly Annotation[], recorded: ChainHead | undefined): Promise<ProjectCheck> {
  const count = entries.length;
  const chain = await verifyChain(entries);
  if (!chain.ok) return { ok: false, entries: count, part: 'audit', problem: `entry ${chain.seq}: ${chain.reason}` };
  const head = headOf(entries);
  if (recorded && (recorded.count !== head.count || recorded.hash !== head.hash)) {
    const problem =
      recorded.count > head.count
        ? `the log ends at entry ${head.count}, but ${recorded.count} entries were recorded (head ${recorded.hash.slice(0, 12)}…): entries at its end were removed`
        : `the log ends at entry ${head.count} (${head.hash.slice(0, 12)}…), not where it was recorded (entry ${recorded.count}, ${recorded.hash.slice(0, 12)}…)`;
    return { ok: false, entries: count, part: 'head', problem };
  }
  const difference = firstDifference(stored, entries);
  if (difference) return { ok: false, entries: count, part: 'annotations', problem: difference };
  return { ok: true, entries: count, head };
}
