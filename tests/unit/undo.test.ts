import { describe, expect, it } from 'vitest';
import { type Annotation, applyToList } from '../../src/domain/annotation';
import { accept, acceptAllAbove, createBox, move, relabel, remove } from '../../src/domain/annotation-ops';
import { canRedo, canUndo, emptyHistory, type History, record, recordGroup, redo, undo } from '../../src/domain/undo';
import { edit, IMAGE, idFactory, ok, SIZE, suggestions } from '../helpers/annotations';

const UNDO_AT = '2026-03-01T12:00:00.000Z';

/** Applies an undo (or redo) step to a list, or fails the test when there was nothing to do. */
function step(fn: typeof undo, history: History, list: Annotation[]): { history: History; list: Annotation[] } {
  const result = fn(history, 'human:ana', UNDO_AT);
  if (!result) throw new Error('nothing to do');
  return { history: result.history, list: applyToList(list, result.change) };
}

describe('undo and redo', () => {
  it('has nothing to undo or redo at first', () => {
    expect(undo(emptyHistory, 'human:ana', UNDO_AT)).toBeUndefined();
    expect(redo(emptyHistory, 'human:ana', UNDO_AT)).toBeUndefined();
    expect(canUndo(emptyHistory) || canRedo(emptyHistory)).toBe(false);
  });

  it('undoes a series of edits back to the start and redoes them to the end, as inverse changes', () => {
    const start = suggestions();
    let list = start;
    let history = emptyHistory;
    const changes = [
      (l: Annotation[]) => ok(move(l[0]!, 3, 4, SIZE, edit())).change,
      (l: Annotation[]) => ok(relabel(l[1]!, 'lynx', edit())).change,
      (l: Annotation[]) => ok(remove(l[2]!, edit())).change,
      () => ok(createBox(IMAGE, { x: 1, y: 1, w: 9, h: 9 }, 'car', SIZE, edit(), idFactory('h'))).change,
    ];
    const states = [start];
    for (const make of changes) {
      const change = make(list);
      list = applyToList(list, change);
      history = record(history, change);
      states.push(list);
    }
    const end = list;
    expect(end.map((a) => a.label)).toEqual(['dog', 'lynx', 'car']);

    for (let i = states.length - 2; i >= 0; i--) {
      ({ history, list } = step(undo, history, list));
      expect(list).toEqual(states[i]);
    }
    expect(canUndo(history)).toBe(false);
    for (let i = 1; i < states.length; i++) {
      ({ history, list } = step(redo, history, list));
      expect(list).toEqual(states[i]);
    }
    expect(list).toEqual(end);
    expect(canRedo(history)).toBe(false);
  });

  it('names the undo and redo by the action, attributed to who undid it, with before and after swapped', () => {
    const [dog] = suggestions();
    const change = ok(accept(dog!, edit())).change;
    const undone = undo(record(emptyHistory, change), 'human:bo', UNDO_AT)!;
    expect(undone.change).toEqual({ action: 'undo:accept', imageSha256: IMAGE, actor: 'human:bo', at: UNDO_AT, before: change.after, after: change.before });
    const redone = redo(undone.history, 'human:bo', '2026-03-01T12:01:00.000Z')!;
    expect(redone.change).toMatchObject({ action: 'redo:accept', before: change.before, after: change.after, at: '2026-03-01T12:01:00.000Z' });
    // The history keeps the original change, so undoing the redo is again "undo:accept".
    expect(undo(redone.history, 'human:bo', UNDO_AT)!.change.action).toBe('undo:accept');
  });

  it('undoes an accept-all in one step', () => {
    const start = suggestions();
    const all = ok(acceptAllAbove(start, 0.5, edit())).change;
    const history = record(emptyHistory, all);
    const afterAll = applyToList(start, all);
    expect(afterAll.filter((a) => a.status === 'accepted')).toHaveLength(2);
    const back = step(undo, history, afterAll);
    expect(back.list).toEqual(start);
    expect(canUndo(back.history)).toBe(false);
  });

  it('clears the redo stack when a new change is recorded', () => {
    const [dog, cat] = suggestions();
    let history = record(emptyHistory, ok(accept(dog!, edit())).change);
    history = undo(history, 'human:ana', UNDO_AT)!.history;
    expect(canRedo(history)).toBe(true);
    history = record(history, ok(accept(cat!, edit())).change);
    expect(canRedo(history)).toBe(false);
    expect(redo(history, 'human:ana', UNDO_AT)).toBeUndefined();
    expect(history.done.map((c) => c.before[0]!.label)).toEqual(['cat']);
  });

  it('forgets the oldest changes past the limit', () => {
    const list = suggestions();
    let history = emptyHistory;
    for (const a of list) history = record(history, ok(accept(a, edit())).change, 2);
    expect(history.done.map((c) => c.before[0]!.label)).toEqual(['cat', 'bird']);
  });
});

describe('a step over several images', () => {
  it('undoes and redoes a group of changes as one step, newest first on undo', () => {
    const ids = idFactory('g');
    const a = suggestions(ids);
    const other = suggestions(ids).map((s) => ({ ...s, imageSha256: 'b'.repeat(64) }));
    const first = ok(acceptAllAbove(a, 0.5, edit())).change;
    const second = ok(acceptAllAbove(other, 0.5, edit())).change;
    let history = recordGroup(record(emptyHistory, ok(accept(a[2]!, edit())).change), [first, second], 'bulk-1');

    const undone = undo(history, 'human:ana', UNDO_AT)!;
    expect(undone.changes.map((c) => [c.action, c.imageSha256.slice(0, 1)])).toEqual([
      ['undo:accept-all', 'b'],
      ['undo:accept-all', 'a'],
    ]);
    expect(undone.changes[1]!.after).toEqual(first.before);
    history = undone.history;
    expect(history.done).toHaveLength(1); // the single accept before the group is still there

    const redone = redo(history, 'human:ana', UNDO_AT)!;
    expect(redone.changes.map((c) => [c.action, c.imageSha256.slice(0, 1)])).toEqual([
      ['redo:accept-all', 'a'],
      ['redo:accept-all', 'b'],
    ]);
    expect(redone.history.done).toHaveLength(3);
    expect(canRedo(redone.history)).toBe(false);
  });
});
