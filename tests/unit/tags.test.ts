import { describe, expect, it } from 'vitest';
import { applyToList, boxesOnly } from '../../src/domain/annotation';
import { acceptAllAbove } from '../../src/domain/annotation-ops';
import { addTag, decideModelTag, removeTag, tagsOf } from '../../src/domain/tags';
import { edit, IMAGE, idFactory, MODEL, ok, SIZE, suggestions } from '../helpers/annotations';

const TARGET = { imageSha256: IMAGE, image: SIZE, model: MODEL };

describe('image-level tags', () => {
  it("records the first decision on a model's tag with its score, source and the whole image as its box", () => {
    const accepted = ok(decideModelTag([], { label: 'Drawing', score: 0.73 }, 'accepted', TARGET, edit(), idFactory('t')));
    expect(accepted.change).toMatchObject({ action: 'accept', before: [] });
    expect(accepted.annotations[0]).toMatchObject({
      id: 't-1',
      scope: 'image',
      label: 'Drawing',
      score: 0.73,
      source: 'model:coco-centernet@1.0.0',
      status: 'accepted',
      shape: { kind: 'bbox', box: { x: 0, y: 0, w: 100, h: 80 } },
    });
    // A later decision changes that record instead of adding another.
    const rejected = ok(decideModelTag(accepted.annotations, { label: 'Drawing', score: 0.73 }, 'rejected', TARGET, edit(), idFactory('x')));
    expect(rejected.change.before).toEqual(accepted.annotations);
    expect(rejected.annotations[0]).toMatchObject({ id: 't-1', status: 'rejected' });
  });

  it("adds a person's tag once, removes a person's tag and only rejects a model's", () => {
    const added = ok(addTag([], '  launch   pad ', IMAGE, SIZE, edit(), idFactory('h')));
    expect(added.annotations[0]).toMatchObject({ label: 'launch pad', source: 'human:ana', status: 'accepted', scope: 'image' });
    expect(addTag(added.annotations, 'launch pad', IMAGE, SIZE, edit(), idFactory('h'))).toEqual({ ok: false, reason: 'the image is already tagged launch pad' });
    expect(addTag([], ' ', IMAGE, SIZE, edit(), idFactory('h')).ok).toBe(false);
    expect(ok(removeTag(added.annotations[0]!, edit())).change).toMatchObject({ action: 'remove', after: [] });
    const model = ok(decideModelTag([], { label: 'Neutral', score: 0.2 }, 'accepted', TARGET, edit(), idFactory('m'))).annotations[0]!;
    expect(ok(removeTag(model, edit())).annotations[0]).toMatchObject({ status: 'rejected', score: 0.2 });
  });

  it('keeps tags out of what box operations touch', () => {
    const boxes = suggestions();
    const tag = ok(decideModelTag([], { label: 'Neutral', score: 0.95 }, 'accepted', TARGET, edit(), idFactory('t'))).change;
    const list = applyToList(boxes, tag);
    expect(tagsOf(list).map((a) => a.label)).toEqual(['Neutral']);
    expect(boxesOnly(list)).toEqual(boxes);
    expect(ok(acceptAllAbove(boxesOnly(list), 0.5, edit())).change.after.map((a) => a.label)).toEqual(['dog', 'cat']);
  });
});
