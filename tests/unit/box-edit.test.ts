import { describe, expect, it } from 'vitest';
import { applyToList } from '../../src/domain/annotation';
import { copyAnnotations, move, relabel, resize } from '../../src/domain/annotation-ops';
import { boxAt, drawnBox, handleAt, hasArea, movedBox, resizedBox, roundBox } from '../../src/domain/box-edit';
import { edit, IMAGE, idFactory, ok, SIZE, suggestions } from '../helpers/annotations';

const IMG = { width: 100, height: 80 };
const BOX = { x: 10, y: 20, w: 30, h: 40 };

describe('moving a box', () => {
  it('moves by the offset and keeps its size inside the image', () => {
    expect(movedBox(BOX, 5, -3, IMG)).toEqual({ x: 15, y: 17, w: 30, h: 40 });
  });
  it('clips what is pushed past an edge', () => {
    expect(movedBox(BOX, 80, 0, IMG)).toEqual({ x: 90, y: 20, w: 10, h: 40 });
    expect(movedBox(BOX, -15, -25, IMG)).toEqual({ x: 0, y: 0, w: 25, h: 35 });
  });
  it('leaves no area when pushed wholly outside, which the edit refuses', () => {
    expect(hasArea(movedBox(BOX, 200, 0, IMG))).toBe(false);
    const [dog] = suggestions();
    expect(move(dog!, 500, 0, SIZE, edit())).toEqual({ ok: false, reason: 'the box would have no area inside the image' });
  });
});

describe('resizing a box', () => {
  it('moves one edge alone', () => {
    expect(resizedBox(BOX, 'e', 7, 99, IMG)).toEqual({ x: 10, y: 20, w: 37, h: 40 });
    expect(resizedBox(BOX, 'n', 99, 5, IMG)).toEqual({ x: 10, y: 25, w: 30, h: 35 });
    expect(resizedBox(BOX, 'w', -4, 0, IMG)).toEqual({ x: 6, y: 20, w: 34, h: 40 });
    expect(resizedBox(BOX, 's', 0, -10, IMG)).toEqual({ x: 10, y: 20, w: 30, h: 30 });
  });
  it('moves a corner in both directions', () => {
    expect(resizedBox(BOX, 'se', 5, 6, IMG)).toEqual({ x: 10, y: 20, w: 35, h: 46 });
    expect(resizedBox(BOX, 'nw', -5, -6, IMG)).toEqual({ x: 5, y: 14, w: 35, h: 46 });
  });
  it('flips when dragged past the opposite edge, and clips to the image', () => {
    expect(resizedBox(BOX, 'e', -40, 0, IMG)).toEqual({ x: 0, y: 20, w: 10, h: 40 });
    expect(resizedBox(BOX, 's', 0, 100, IMG)).toEqual({ x: 10, y: 20, w: 30, h: 60 });
  });
  it('refuses a resize that leaves a zero-width box', () => {
    const [dog] = suggestions(); // x 10, w 20
    expect(resize(dog!, 'e', -20, 0, SIZE, edit())).toEqual({ ok: false, reason: 'the box would have no area inside the image' });
  });
});

describe('drawing a box', () => {
  it('spans the drag in any direction, clipped to the image', () => {
    expect(drawnBox({ x: 50, y: 60 }, { x: 20, y: 10 }, IMG)).toEqual({ x: 20, y: 10, w: 30, h: 50 });
    expect(drawnBox({ x: 90, y: 70 }, { x: 130, y: 95 }, IMG)).toEqual({ x: 90, y: 70, w: 10, h: 10 });
  });
  it('has no area for a click without a drag or a drag wholly outside', () => {
    expect(hasArea(drawnBox({ x: 5, y: 5 }, { x: 5, y: 5 }, IMG))).toBe(false);
    expect(hasArea(drawnBox({ x: -20, y: 5 }, { x: -5, y: 30 }, IMG))).toBe(false);
  });
  it('rounds to whole image pixels by the corners', () => {
    expect(roundBox({ x: 1.4, y: 2.6, w: 3.3, h: 4.5 })).toEqual({ x: 1, y: 3, w: 4, h: 4 });
  });
});

describe('picking with the mouse', () => {
  it('grabs corners before edges, edges along their whole length, within the tolerance', () => {
    expect(handleAt(BOX, { x: 11, y: 21 }, 2)).toBe('nw');
    expect(handleAt(BOX, { x: 40, y: 60 }, 2)).toBe('se');
    expect(handleAt(BOX, { x: 39, y: 30 }, 2)).toBe('e');
    expect(handleAt(BOX, { x: 25, y: 59 }, 2)).toBe('s');
    expect(handleAt(BOX, { x: 25, y: 40 }, 2)).toBeUndefined();
    expect(handleAt(BOX, { x: 45, y: 40 }, 2)).toBeUndefined();
  });
  it('picks the smallest box under the point, so a box inside another can be selected', () => {
    const outer = { id: 'outer', box: { x: 0, y: 0, w: 100, h: 80 } };
    const inner = { id: 'inner', box: { x: 10, y: 10, w: 10, h: 10 } };
    expect(boxAt([outer, inner], { x: 15, y: 15 })?.id).toBe('inner');
    expect(boxAt([inner, outer], { x: 50, y: 50 })?.id).toBe('outer');
    expect(boxAt([inner], { x: 50, y: 50 })).toBeUndefined();
  });
});

describe('edits of a suggestion keep what the model said', () => {
  it('a moved suggestion becomes edited with its original box, label and score', () => {
    const [dog] = suggestions();
    const moved = ok(move(dog!, 5, 5, SIZE, edit())).annotations[0]!;
    expect(moved.status).toBe('edited');
    expect(moved.shape.box).toEqual({ x: 15, y: 15, w: 20, h: 20 });
    expect(moved.original).toEqual({ box: { x: 10, y: 10, w: 20, h: 20 }, label: 'dog', score: 0.9 });
    const relabelled = ok(relabel(moved, 'wolf', edit())).annotations[0]!;
    expect(relabelled.original).toEqual(moved.original); // the first thing the model said, not the last edit
    expect(relabelled.label).toBe('wolf');
  });
});

describe('copying the previous image', () => {
  it("copies the boxes that are not rejected as the analyst's, accepted, clipped to this image, in one change", () => {
    const list = suggestions(); // dog, cat, bird
    const rejected = { ...list[2]!, status: 'rejected' as const };
    const copied = ok(copyAnnotations([list[0]!, list[1]!, rejected], 'b'.repeat(64), { width: 60, height: 50 }, edit(), idFactory('c')));
    expect(copied.change.action).toBe('copy');
    expect(copied.change.before).toEqual([]);
    expect(copied.annotations.map((a) => [a.id, a.label, a.status, a.source, a.imageSha256.slice(0, 1)])).toEqual([
      ['c-1', 'dog', 'accepted', 'human:ana', 'b'],
      ['c-2', 'cat', 'accepted', 'human:ana', 'b'],
    ]);
    expect(copied.annotations[1]!.shape.box).toEqual({ x: 50, y: 40, w: 10, h: 10 }); // cat clipped to 60×50
    expect(applyToList([], copied.change)).toEqual(copied.annotations);
  });
  it('refuses when there is nothing to copy', () => {
    expect(copyAnnotations([], IMAGE, SIZE, edit(), idFactory()).ok).toBe(false);
  });
});
