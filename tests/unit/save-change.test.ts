import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { applyToList } from '../../src/domain/annotation';
import { accept, relabel, suggestionsFromDetections } from '../../src/domain/annotation-ops';
import { appendEntry } from '../../src/domain/audit';
import { verifyAnnotations } from '../../src/domain/audit-replay';
import { verifySignatures } from '../../src/domain/audit-signature';
import type { ImageRecord } from '../../src/domain/image';
import { annotationsOf, applyChange, auditLog, listSummaries, openWorkbenchDb, projectSigningKeys, readAuditHead, StaleChangeError, allAnnotations, type WorkbenchDb } from '../../src/storage';
import { on } from '../../src/state/project-context';
import { saveChange } from '../../src/state/commands/save-change';
import { signedEntry } from '../../src/state/signing';
import { detection, edit, IMAGE, idFactory, MODEL, ok, T0 } from '../helpers/annotations';

let counter = 0;
const opened: WorkbenchDb[] = [];
async function projectWithImage(): Promise<WorkbenchDb> {
  const db = await openWorkbenchDb(`save-change-test-${process.pid}-${++counter}`);
  opened.push(db);
  const record: ImageRecord = { sha256: IMAGE, fileName: 'street.png', type: 'image/png', width: 100, height: 80, bytes: 1234, importedAt: T0 };
  await db.put('images', record);
  return db;
}
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

const unsigned = async (_db: WorkbenchDb, entry: Awaited<ReturnType<typeof appendEntry>>) => entry;
const suggested = () => suggestionsFromDetections([detection('dog', 0.9), detection('cat', 0.6, 50, 40)], IMAGE, MODEL, T0, idFactory());
const reviewOf = async (db: WorkbenchDb) => (await db.get('images', IMAGE))?.review ?? 'unreviewed';

describe('saveChange', () => {
  it("writes a person's edit, its signed audit entry, the image summary and the review status together", async () => {
    const db = await projectWithImage();
    const suggest = suggested();
    await saveChange({ db, change: suggest.change, analyst: 'human:ana', sign: signedEntry });
    expect(await reviewOf(db)).toBe('unreviewed'); // what a model suggests is not a review
    const accepted = ok(accept(suggest.annotations[0]!, edit()));
    const entry = await saveChange({ db, change: accepted.change, analyst: 'human:ana', sign: signedEntry });

    expect(await reviewOf(db)).toBe('in-progress');
    expect((await annotationsOf(db, IMAGE)).map((a) => [a.label, a.status])).toEqual([
      ['dog', 'accepted'],
      ['cat', 'suggested'],
    ]);
    expect((await listSummaries(db)).get(IMAGE)).toMatchObject({ imageSha256: IMAGE });
    const log = await auditLog(db);
    expect(log.map((e) => e.action)).toEqual(['suggest', 'accept']);
    expect(log.at(-1)).toEqual(entry);
    expect(entry.signature).toBeDefined();
    expect(await readAuditHead(db)).toEqual({ count: 2, hash: entry.hash });
    expect((await verifyAnnotations(log, await allAnnotations(db), await readAuditHead(db))).ok).toBe(true);
    expect((await verifySignatures(log, await projectSigningKeys(db))).ok).toBe(true);
  });

  it('writes none of it when the transaction fails: no annotation, no entry, no head, no review status', async () => {
    const db = await projectWithImage();
    const suggest = suggested();
    await saveChange({ db, change: suggest.change, analyst: 'human:ana', sign: unsigned });
    const before = { annotations: await annotationsOf(db, IMAGE), summaries: await listSummaries(db), head: await readAuditHead(db) };
    const accepted = ok(accept(suggest.annotations[0]!, edit()));
    // An entry whose seq is taken (as when another tab wrote first and nobody retried).
    const taken = await appendEntry(undefined, accepted.change);
    await expect(applyChange(db, accepted.change, taken, 'in-progress')).rejects.toThrow();
    expect(await reviewOf(db)).toBe('unreviewed');
    expect(await annotationsOf(db, IMAGE)).toEqual(before.annotations);
    expect(await listSummaries(db)).toEqual(before.summaries);
    expect(await readAuditHead(db)).toEqual(before.head);
    expect(await auditLog(db)).toHaveLength(1);
  });

  it('chains again when another writer took the entry it made', async () => {
    const db = await projectWithImage();
    const suggest = suggested();
    await saveChange({ db, change: suggest.change, analyst: 'human:ana', sign: unsigned });
    let raced = false;
    // The other writer commits between this entry being made and written.
    const racing = async (db2: WorkbenchDb, entry: Awaited<ReturnType<typeof appendEntry>>) => {
      if (!raced) {
        raced = true;
        const other = ok(accept(suggest.annotations[1]!, edit(T0, 'human:bo'))).change;
        await applyChange(db2, other, await appendEntry((await auditLog(db2)).at(-1), other));
      }
      return entry;
    };
    await saveChange({ db, change: ok(accept(suggest.annotations[0]!, edit())).change, analyst: 'human:ana', sign: racing });
    const log = await auditLog(db);
    expect(log.map((e) => [e.seq, e.action, e.actor])).toEqual([
      [1, 'suggest', 'model:coco-centernet@1.0.0'],
      [2, 'accept', 'human:bo'],
      [3, 'accept', 'human:ana'],
    ]);
    expect((await verifyAnnotations(log, await allAnnotations(db), await readAuditHead(db))).ok).toBe(true);
  });

  it("refuses an edit made on annotations another tab changed first, keeping the other tab's edit", async () => {
    const db = await projectWithImage();
    const suggest = suggested();
    await saveChange({ db, change: suggest.change, analyst: 'human:ana', sign: unsigned });
    const dog = suggest.annotations[0]!;
    // Both tabs show the same suggestion; tab B relabels it first, then tab A accepts what it still shows.
    await saveChange({ db, change: ok(relabel(dog, 'wolf', edit(T0, 'human:bo'))).change, analyst: 'human:bo', sign: unsigned });
    const stale = ok(accept(dog, edit())).change;
    await expect(saveChange({ db, change: stale, analyst: 'human:ana', sign: unsigned })).rejects.toBeInstanceOf(StaleChangeError);
    expect((await annotationsOf(db, IMAGE)).map((a) => a.label).sort()).toEqual(['cat', 'wolf']);
    expect(await auditLog(db)).toHaveLength(2);
    // Made again on what is stored, it goes through.
    const fresh = applyToList(suggest.annotations, { before: [dog], after: (await annotationsOf(db, IMAGE)).filter((a) => a.id === dog.id) });
    await saveChange({ db, change: ok(accept(fresh[0]!, edit())).change, analyst: 'human:ana', sign: unsigned });
    expect((await annotationsOf(db, IMAGE)).map((a) => `${a.label} ${a.status}`).sort()).toEqual(['cat suggested', 'wolf accepted']);
  });

  it('tells the project context what it committed, with the image record whose review status moved', async () => {
    const db = await projectWithImage();
    const heard: string[] = [];
    const stop = on('change-committed', ({ written, origin }) => {
      heard.push(`${origin} ${written.change.action} ${written.image?.review ?? '-'} ${written.summary.imageSha256 === IMAGE}`);
    });
    const suggest = suggested();
    await saveChange({ db, change: suggest.change, analyst: 'human:ana', sign: unsigned });
    await saveChange({ db, change: ok(accept(suggest.annotations[0]!, edit())).change, analyst: 'human:ana', sign: unsigned });
    stop();
    expect(heard).toEqual(['this-tab suggest - true', 'this-tab accept in-progress true']);
  });
});
