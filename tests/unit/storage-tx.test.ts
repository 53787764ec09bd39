import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { humanAnnotation } from '../../src/domain/annotation-ops';
import { openWorkbenchDb } from '../../src/storage';
import { writeAll } from '../../src/storage/tx';

let counter = 0;

describe('writeAll', () => {
  it('writes every queued request and commits', async () => {
    const db = await openWorkbenchDb(`tx-test-${process.pid}-${++counter}`);
    const tx = db.transaction('settings', 'readwrite');
    await writeAll(tx, (add) => {
      add(tx.store.put(1, 'a'));
      add(tx.store.put(2, 'b'));
    });
    expect([await db.get('settings', 'a'), await db.get('settings', 'b')]).toEqual([1, 2]);
    db.close();
  });

  it('writes nothing when a request is refused on the spot after others were queued', async () => {
    const db = await openWorkbenchDb(`tx-test-${process.pid}-${++counter}`);
    const tx = db.transaction(['settings', 'images'], 'readwrite');
    const refused = writeAll(tx, (add) => {
      add(tx.objectStore('settings').put('written?', 'first'));
      // An image record without its key (sha256) throws DataError synchronously.
      add(tx.objectStore('images').put({ fileName: 'no-key.png' } as never));
    });
    await expect(refused).rejects.toMatchObject({ name: 'DataError' });
    expect(await db.get('settings', 'first')).toBeUndefined();
    db.close();
  });
});

describe('humanAnnotation', () => {
  it("is the analyst's, accepted, made and changed at the edit's time", () => {
    const made = humanAnnotation({ id: 'h1', imageSha256: 'abc', shape: { kind: 'bbox', box: { x: 1, y: 2, w: 3, h: 4 } }, label: 'car' }, { actor: 'human:ann', now: '2026-01-01T00:00:00.000Z' });
    expect(made).toEqual({
      id: 'h1',
      imageSha256: 'abc',
      shape: { kind: 'bbox', box: { x: 1, y: 2, w: 3, h: 4 } },
      label: 'car',
      source: 'human:ann',
      status: 'accepted',
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    });
  });
});
