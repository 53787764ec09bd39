import { describe, expect, it } from 'vitest';
import { applyToList } from '../../src/domain/annotation';
import {
  accept,
  acceptAllAbove,
  createBox,
  move,
  relabel,
  reject,
  rejectRest,
  remove,
  resize,
  suggestionsFromDetections,
} from '../../src/domain/annotation-ops';
import { detection, edit, IMAGE, idFactory, MODEL, ok, SIZE, suggestions, T0 } from '../helpers/annotations';

describe('suggestions from detections', () => {
  it('makes one suggested annotation per detection, attributed to the model, with injected ids', () => {
    const { annotations, change } = suggestionsFromDetections([detection('dog', 0.9), detection('cat', 0.4, 1, 2, 3, 4)], IMAGE, MODEL, T0, idFactory('s'));
    expect(annotations).toEqual([
      { id: 's-1', imageSha256: IMAGE, shape: { kind: 'bbox', box: { x: 10, y: 10, w: 20, h: 20 } }, label: 'dog', score: 0.9, source: 'model:coco-centernet@1.0.0', status: 'suggested', createdAt: T0, updatedAt: T0 },
      { id: 's-2', imageSha256: IMAGE, shape: { kind: 'bbox', box: { x: 1, y: 2, w: 3, h: 4 } }, label: 'cat', score: 0.4, source: 'model:coco-centernet@1.0.0', status: 'suggested', createdAt: T0, updatedAt: T0 },
    ]);
    expect(change).toMatchObject({ action: 'suggest', actor: 'model:coco-centernet@1.0.0', imageSha256: IMAGE, before: [] });
    expect(change.after).toBe(annotations);
  });
});

describe('accept and reject', () => {
  it('accepts a suggestion without touching the input, recording before and after and who did it', () => {
    const [dog] = suggestions();
    const frozen = structuredClone(dog!);
    const { annotations, change } = ok(accept(dog!, edit('2026-03-01T11:00:00.000Z', 'human:bo')));
    expect(annotations[0]).toMatchObject({ id: 'id-1', status: 'accepted', updatedAt: '2026-03-01T11:00:00.000Z', score: 0.9 });
    expect(change).toMatchObject({ action: 'accept', actor: 'human:bo', at: '2026-03-01T11:00:00.000Z', before: [frozen] });
    expect(dog).toEqual(frozen);
  });

  it('rejects, and refuses a no-op', () => {
    const [dog] = suggestions();
    const rejected = ok(reject(dog!, edit())).annotations[0]!;
    expect(rejected.status).toBe('rejected');
    expect(reject(rejected, edit())).toEqual({ ok: false, reason: 'already rejected' });
    expect(ok(accept(rejected, edit())).annotations[0]!.status).toBe('accepted');
  });

  it('accepts all open suggestions at or above a threshold as one change, then rejects the rest', () => {
    const list = suggestions();
    const all = ok(acceptAllAbove(list, 0.6, edit()));
    expect(all.change.action).toBe('accept-all');
    expect(all.annotations.map((a) => [a.label, a.status])).toEqual([['dog', 'accepted'], ['cat', 'accepted']]);
    const afterAll = applyToList(list, all.change);
    const rest = ok(rejectRest(afterAll, edit()));
    expect(rest.annotations.map((a) => [a.label, a.status])).toEqual([['bird', 'rejected']]);
    expect(applyToList(afterAll, rest.change).map((a) => a.status)).toEqual(['accepted', 'accepted', 'rejected']);
    expect(rejectRest(applyToList(afterAll, rest.change), edit()).ok).toBe(false);
    expect(acceptAllAbove(list, 0.95, edit())).toEqual({ ok: false, reason: 'no suggestions left' });
  });
});

describe('move and resize', () => {
  it('moves a box; a suggestion becomes edited, keeps the model original and drops its score', () => {
    const [dog] = suggestions();
    const moved = ok(move(dog!, 5, -3, SIZE, edit())).annotations[0]!;
    expect(moved.shape.box).toEqual({ x: 15, y: 7, w: 20, h: 20 });
    expect(moved.status).toBe('edited');
    expect(moved.original).toEqual({ box: { x: 10, y: 10, w: 20, h: 20 }, label: 'dog', score: 0.9 });
    expect(moved.score).toBeUndefined();
    // A second edit keeps the first original, not the intermediate box.
    const again = ok(move(moved, 1, 1, SIZE, edit())).annotations[0]!;
    expect(again.original).toEqual(moved.original);
  });

  it('clips a box dragged partly outside the image and refuses one dragged wholly outside', () => {
    const [, cat] = suggestions(); // 50,40 30x30 in 100x80
    expect(ok(move(cat!, 40, 20, SIZE, edit())).annotations[0]!.shape.box).toEqual({ x: 90, y: 60, w: 10, h: 20 });
    expect(ok(move(cat!, -60, 0, SIZE, edit())).annotations[0]!.shape.box).toEqual({ x: 0, y: 40, w: 20, h: 30 });
    expect(move(cat!, 60, 0, SIZE, edit()).ok).toBe(false);
    expect(move(cat!, 0, 0, SIZE, edit())).toEqual({ ok: false, reason: 'the box did not change' });
  });

  it('resizes by a corner or a single edge, clipped to the image', () => {
    const [dog] = suggestions(); // 10,10 20x20
    expect(ok(resize(dog!, 'se', 5, 10, SIZE, edit())).annotations[0]!.shape.box).toEqual({ x: 10, y: 10, w: 25, h: 30 });
    expect(ok(resize(dog!, 'nw', -5, -20, SIZE, edit())).annotations[0]!.shape.box).toEqual({ x: 5, y: 0, w: 25, h: 30 });
    expect(ok(resize(dog!, 'e', 200, 99, SIZE, edit())).annotations[0]!.shape.box).toEqual({ x: 10, y: 10, w: 90, h: 20 });
    expect(ok(resize(dog!, 'n', 99, 5, SIZE, edit())).annotations[0]!.shape.box).toEqual({ x: 10, y: 15, w: 20, h: 15 });
    // Past the opposite edge the box flips.
    expect(ok(resize(dog!, 'w', 30, 0, SIZE, edit())).annotations[0]!.shape.box).toEqual({ x: 30, y: 10, w: 10, h: 20 });
    expect(ok(resize(dog!, 'se', 0, 1, SIZE, edit())).annotations[0]!.status).toBe('edited');
  });

  it('refuses a resize that leaves zero width or height', () => {
    const [dog] = suggestions();
    expect(resize(dog!, 'e', -20, 0, SIZE, edit()).ok).toBe(false);
    expect(resize(dog!, 's', 0, -20, SIZE, edit()).ok).toBe(false);
    // In an image 5 px high the box (y 10..30) lies below it: clipped to nothing unless its top edge is dragged in.
    expect(resize(dog!, 's', 0, 5, { width: 100, height: 5 }, edit()).ok).toBe(false);
    expect(ok(resize(dog!, 'n', 0, -100, { width: 100, height: 5 }, edit())).annotations[0]!.shape.box).toEqual({ x: 10, y: 0, w: 20, h: 5 });
  });
});

describe('relabel, create and remove', () => {
  it('relabels; a suggestion keeps its original label, a person’s box stays accepted without original', () => {
    const [dog] = suggestions();
    const wolf = ok(relabel(dog!, ' wolf ', edit())).annotations[0]!;
    expect(wolf).toMatchObject({ label: 'wolf', status: 'edited', original: { label: 'dog', score: 0.9 } });
    expect(relabel(wolf, 'wolf', edit()).ok).toBe(false);
    expect(relabel(wolf, '  ', edit()).ok).toBe(false);

    const mine = ok(createBox(IMAGE, { x: 1, y: 1, w: 5, h: 5 }, 'car', SIZE, edit(), idFactory('h'))).annotations[0]!;
    const truck = ok(relabel(mine, 'truck', edit())).annotations[0]!;
    expect(truck.status).toBe('accepted');
    expect(truck.original).toBeUndefined();
    expect(ok(move(truck, 1, 1, SIZE, edit())).annotations[0]!.status).toBe('accepted');
  });

  it('creates a clipped, accepted box attributed to the person, and refuses a zero-size one', () => {
    const { annotations, change } = ok(createBox(IMAGE, { x: 90, y: -5, w: 20, h: 10 }, 'car', SIZE, edit(T0, 'human:cy'), idFactory('h')));
    expect(annotations).toEqual([
      { id: 'h-1', imageSha256: IMAGE, shape: { kind: 'bbox', box: { x: 90, y: 0, w: 10, h: 5 } }, label: 'car', source: 'human:cy', status: 'accepted', createdAt: T0, updatedAt: T0 },
    ]);
    expect(change).toMatchObject({ action: 'create', actor: 'human:cy', before: [] });
    expect(createBox(IMAGE, { x: 5, y: 5, w: 0, h: 10 }, 'car', SIZE, edit(), idFactory()).ok).toBe(false);
    expect(createBox(IMAGE, { x: 5, y: 5, w: 10, h: 0 }, 'car', SIZE, edit(), idFactory()).ok).toBe(false);
    expect(createBox(IMAGE, { x: 150, y: 5, w: 10, h: 10 }, 'car', SIZE, edit(), idFactory()).ok).toBe(false);
    // Drawn right to left: a negative size is the same box.
    expect(ok(createBox(IMAGE, { x: 20, y: 20, w: -10, h: -5 }, 'car', SIZE, edit(), idFactory())).annotations[0]!.shape.box).toEqual({ x: 10, y: 15, w: 10, h: 5 });
  });

  it('removes: before holds the annotation, after nothing, and the list loses it', () => {
    const list = suggestions();
    const { change } = ok(remove(list[1]!, edit()));
    expect(change.before).toEqual([list[1]]);
    expect(change.after).toEqual([]);
    expect(applyToList(list, change).map((a) => a.label)).toEqual(['dog', 'bird']);
  });
});
