import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { Change } from '../../src/domain/annotation';
import { appendEntry, type AuditEntry, verifyChain } from '../../src/domain/audit';
import { importChanges, planImport } from '../../src/domain/dataset/match';
import { annotationsOf, applyChange, applyChanges, auditLog, lastAuditEntry, listSummaries, openWorkbenchDb, readLabelSet, saveLabelSet, type WorkbenchDb } from '../../src/storage';
import { sampleDataset } from './format-sample';

const project = [
  { sha256: 'a'.repeat(64), fileName: 'astronaut.png', width: 512, height: 512 },
  { sha256: 'b'.repeat(64), fileName: 'rocket.jpg', width: 640, height: 427 },
  { sha256: 'c'.repeat(64), fileName: 'street, "main".jpg', width: 300, height: 200 },
];

let counter = 0;
const freshDb = () => openWorkbenchDb(`bulk-test-${process.pid}-${++counter}`);

async function chained(db: WorkbenchDb, changes: Change[]): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  let previous = await lastAuditEntry(db);
  for (const change of changes) entries.push((previous = await appendEntry(previous, change)));
  return entries;
}

function changes(): Change[] {
  const plan = planImport('voc', sampleDataset(), project, new Map(), ['person']);
  let n = 0;
  return importChanges(plan, (name) => project.find((p) => p.fileName === name)?.sha256, 'human:ana', '2026-03-01T10:00:00.000Z', () => `imp-${++n}`);
}

describe('applyChanges: a whole import in one transaction', () => {
  it('writes every image’s annotations, chained audit entries, summaries and new labels', async () => {
    const db = await freshDb();
    await saveLabelSet(db, ['person']);
    const list = changes();
    await applyChanges(db, list, await chained(db, list), ['car', 'dog', 'sign, "stop"']);
    expect((await annotationsOf(db, 'a'.repeat(64))).map((a) => [a.label, a.status, a.source]).sort()).toEqual([
      ['car', 'accepted', 'import:voc'],
      ['person', 'accepted', 'import:voc'],
    ]);
    const log = await auditLog(db);
    expect(log.map((e) => [e.seq, e.action, e.imageSha256[0]])).toEqual([
      [1, 'create', 'a'],
      [2, 'create', 'b'],
      [3, 'create', 'c'],
    ]);
    expect(await verifyChain(log)).toEqual({ ok: true });
    expect(await readLabelSet(db)).toEqual(['person', 'car', 'dog', 'sign, "stop"']);
    expect((await listSummaries(db)).size).toBe(3);
    db.close();
  });

  it('writes nothing when one entry cannot be added (its seq was taken by another writer meanwhile)', async () => {
    const db = await freshDb();
    const list = changes();
    const entries = await chained(db, list);
    await applyChange(db, list[0]!, entries[0]!); // another tab writes entry 1 first
    await expect(applyChanges(db, list, entries, ['car'])).rejects.toThrow();
    expect(await annotationsOf(db, 'a'.repeat(64))).toHaveLength(2); // only what the other tab wrote
    expect(await annotationsOf(db, 'b'.repeat(64))).toEqual([]);
    expect(await annotationsOf(db, 'c'.repeat(64))).toEqual([]);
    expect((await auditLog(db)).length).toBe(1);
    expect(await readLabelSet(db)).toEqual([]);
    db.close();
  });

  it('refuses entries that do not chain one after another before opening a transaction', async () => {
    const db = await freshDb();
    const list = changes();
    const entries = await chained(db, list);
    const restarted = await appendEntry(undefined, list[1]!); // seq 1 again instead of 2
    await expect(applyChanges(db, list, [entries[0]!, restarted, entries[2]!])).rejects.toThrow('audit entry 1 does not follow entry 1');
    expect(await auditLog(db)).toEqual([]);
    db.close();
  });
});
