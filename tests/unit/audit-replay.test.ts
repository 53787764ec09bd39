import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { applyToList, type Annotation } from '../../src/domain/annotation';
import { firstDifference, headOf, verifyAnnotations } from '../../src/domain/audit-replay';
import { appendEvidenceEntry } from '../../src/domain/audit';
import { allAnnotations, appendAuditEntries, applyChange, auditLog, openWorkbenchDb, readAuditHead } from '../../src/storage';
import { auditSeries, changeSeries } from '../helpers/annotations';

/** The annotations a series of changes leaves, as storage holds them. */
const finalState = () => changeSeries().reduce<Annotation[]>((list, change) => applyToList(list, change), []);

describe('the audit log proves the annotations', () => {
  it('replaying a real session from the first entry gives exactly the stored annotations', async () => {
    const entries = await auditSeries();
    expect(firstDifference(finalState(), entries)).toBeNull();
    expect(await verifyAnnotations(entries, finalState(), headOf(entries))).toEqual({ ok: true, entries: entries.length, head: headOf(entries) });
  });

  it('names the first difference: a label the log never recorded, an annotation stored without an entry, one missing', async () => {
    const entries = await auditSeries();
    const stored = finalState();
    const edited = stored.map((a, i) => (i === 0 ? { ...a, label: 'horse' } : a));
    const check = await verifyAnnotations(entries, edited, headOf(entries));
    expect(check).toMatchObject({ ok: false, part: 'annotations' });
    expect(!check.ok && check.problem).toMatch(/^annotation id-1 differs from the audit log \(entry \d+\) in label: "horse" where the log says "dog"$/);
    const extra = { ...stored[0]!, id: 'smuggled' };
    expect(firstDifference([...stored, extra], entries)).toBe('annotation smuggled (dog) is stored, but no audit entry leaves it there');
    expect(firstDifference(stored.slice(1), entries)).toMatch(/^annotation id-1 \(dog\) is missing from storage, though audit entry \d+ leaves it there$/);
  });

  it('a log cut short at its end verifies as a chain, but not against its recorded head', async () => {
    const entries = await auditSeries();
    const head = headOf(entries);
    const cut = entries.slice(0, -2);
    const stored = cut.reduce<Annotation[]>((list, e) => applyToList(list, { ...e, before: e.before, after: e.after }), []);
    const check = await verifyAnnotations(cut, stored, head);
    expect(check).toMatchObject({ ok: false, part: 'head' });
    expect(!check.ok && check.problem).toBe(`the log ends at entry ${cut.length}, but ${entries.length} entries were recorded (head ${head.hash.slice(0, 12)}…): entries at its end were removed`);
  });

  it('storage records the head with every entry; an annotation edited in the database, or the last entries deleted, show', async () => {
    const db = await openWorkbenchDb(`replay-${process.pid}`);
    const changes = changeSeries();
    const entries = await auditSeries(changes);
    for (const [i, change] of changes.entries()) await applyChange(db, change, entries[i]!);
    expect(await readAuditHead(db)).toEqual(headOf(entries));
    const check = async () => verifyAnnotations(await auditLog(db), await allAnnotations(db), await readAuditHead(db));
    expect((await check()).ok).toBe(true);

    const first = (await allAnnotations(db)).find((a) => a.id === 'id-1')!;
    await db.put('annotations', { ...first, label: 'horse' });
    expect(await check()).toMatchObject({ ok: false, part: 'annotations' });
    await db.put('annotations', first);

    await db.delete('audit', entries.length);
    expect(await check()).toMatchObject({ ok: false, part: 'head' });
    db.close();
  });

  it('evidence entries (hash-set matches, redactions) move the recorded head with them: the project still verifies', async () => {
    const db = await openWorkbenchDb(`replay-evidence-${process.pid}`);
    const changes = changeSeries();
    const entries = await auditSeries(changes);
    for (const [i, change] of changes.entries()) await applyChange(db, change, entries[i]!);
    const match = await appendEvidenceEntry(entries.at(-1), { action: 'hash-match', imageSha256: changes[0]!.imageSha256, actor: 'human:ana', at: '2026-02-01T10:00:00.000Z', detail: { lists: ['known'] } });
    const redact = await appendEvidenceEntry(match, { action: 'redact', imageSha256: changes[0]!.imageSha256, actor: 'human:ana', at: '2026-02-01T10:00:01.000Z', detail: { before: 'a', after: 'b' } });
    await appendAuditEntries(db, [match, redact]);
    expect(await readAuditHead(db)).toEqual(headOf([...entries, match, redact]));
    expect(await verifyAnnotations(await auditLog(db), await allAnnotations(db), await readAuditHead(db))).toMatchObject({ ok: true, entries: entries.length + 2 });
    db.close();
  });
});
