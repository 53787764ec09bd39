import { type Annotation, applyToList, type Change } from '../../src/domain/annotation';
import { accept, acceptAllAbove, type Applied, type Edit, move, type Outcome, relabel, suggestionsFromDetections } from '../../src/domain/annotation-ops';
import { appendEntry, type AuditEntry } from '../../src/domain/audit';
import { emptyHistory, record, undo } from '../../src/domain/undo';
import type { Detection } from '../../src/domain/detection';

export const IMAGE = 'a'.repeat(64);
export const SIZE = { width: 100, height: 80 };
export const MODEL = { id: 'coco-centernet', version: '1.0.0' };
export const T0 = '2026-03-01T10:00:00.000Z';
export const edit = (now = '2026-03-01T10:05:00.000Z', actor: Edit['actor'] = 'human:ana'): Edit => ({ actor, now });

/** Deterministic ids: id-1, id-2, ... */
export function idFactory(prefix = 'id'): () => string {
  let n = 0;
  return () => `${prefix}-${++n}`;
}

export function ok(outcome: Outcome): Applied {
  if (!outcome.ok) throw new Error(`refused: ${outcome.reason}`);
  return outcome;
}

export const detection = (label: string, score: number, x = 10, y = 10, w = 20, h = 20): Detection => ({
  label,
  classIndex: 0,
  score,
  box: { x, y, w, h },
});

/** Three suggestions on IMAGE: dog 0.9, cat 0.6, bird 0.3. */
export function suggestions(ids = idFactory()): Annotation[] {
  return suggestionsFromDetections(
    [detection('dog', 0.9, 10, 10, 20, 20), detection('cat', 0.6, 50, 40, 30, 30), detection('bird', 0.3, 0, 0, 5, 5)],
    IMAGE,
    MODEL,
    T0,
    ids,
  ).annotations;
}

/** A realistic session on IMAGE: suggest 4, accept one, move one, relabel one, accept the rest above 0.5 in bulk, undo that. */
export function changeSeries(): Change[] {
  const suggest = suggestionsFromDetections(
    [detection('dog', 0.9), detection('cat', 0.6, 50, 40), detection('bird', 0.3, 0, 0, 5, 5), detection('fox', 0.7, 60, 5, 10, 10)],
    IMAGE,
    MODEL,
    T0,
    idFactory(),
  );
  const changes: Change[] = [suggest.change];
  let list = suggest.annotations;
  const apply = (change: Change) => {
    changes.push(change);
    list = applyToList(list, change);
  };
  apply(ok(accept(list[0]!, edit())).change);
  apply(ok(move(list[1]!, 2, 2, SIZE, edit())).change);
  apply(ok(relabel(list[2]!, 'sparrow', edit())).change);
  const all = ok(acceptAllAbove(list, 0.5, edit())).change;
  apply(all);
  apply(undo(record(emptyHistory, all), 'human:ana', '2026-03-01T13:00:00.000Z')!.change);
  return changes;
}

export async function auditSeries(changes = changeSeries()): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  for (const change of changes) entries.push(await appendEntry(entries.at(-1), change));
  return entries;
}
