import { describe, expect, it } from 'vitest';
import { appendEntry, entryHash, GENESIS_HASH, verifyChain } from '../../src/domain/audit';
import { sha256Hex, stableStringify } from '../../src/domain/hash';
import { auditSeries, IMAGE, T0 } from '../helpers/annotations';

describe('audit log', () => {
  it('numbers entries from 1, chains each to the previous hash, and hashes the entry without its hash', async () => {
    const entries = await auditSeries();
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(entries[0]!.prevHash).toBe(GENESIS_HASH);
    expect(GENESIS_HASH).toMatch(/^0{64}$/);
    for (let i = 1; i < entries.length; i++) expect(entries[i]!.prevHash).toBe(entries[i - 1]!.hash);
    const { hash, ...rest } = entries[1]!;
    expect(hash).toBe(await sha256Hex(stableStringify(rest)));
    expect(hash).toBe(await entryHash(rest));
    expect(entries.map((e) => e.action)).toEqual(['suggest', 'accept', 'move', 'relabel', 'accept-all', 'undo:accept-all']);
    expect(entries[0]!.actor).toBe('model:coco-centernet@1.0.0');
    expect(entries[1]).toMatchObject({ actor: 'human:ana', annotationIds: ['id-1'], imageSha256: IMAGE });
  });

  it('takes the actor and time given over the change’s own', async () => {
    const entries = await auditSeries();
    const entry = await appendEntry(entries.at(-1), { action: 'remove', imageSha256: IMAGE, actor: 'human:ana', at: T0, before: [], after: [] }, 'human:bo', '2026-04-01T00:00:00.000Z');
    expect(entry).toMatchObject({ seq: 7, actor: 'human:bo', at: '2026-04-01T00:00:00.000Z' });
  });

  it('verifies an untouched chain, and an empty one', async () => {
    expect(await verifyChain(await auditSeries())).toEqual({ ok: true });
    expect(await verifyChain([])).toEqual({ ok: true });
  });

  it('fails at the entry whose after was altered', async () => {
    const entries = await auditSeries();
    entries[2] = { ...entries[2]!, after: [{ ...entries[2]!.after[0]!, label: 'horse' }] };
    expect(await verifyChain(entries)).toMatchObject({ ok: false, seq: 3, reason: expect.stringContaining('altered') });
  });

  it('fails when an altered entry was re-hashed, at the entry after it', async () => {
    const entries = await auditSeries();
    const { hash: _hash, ...rest } = { ...entries[2]!, actor: 'human:mallory' as const };
    entries[2] = { ...rest, hash: await entryHash(rest) };
    expect(await verifyChain(entries)).toMatchObject({ ok: false, seq: 4 });
  });

  it('fails at the entry after one that was deleted, and when the first is deleted', async () => {
    const entries = await auditSeries();
    expect(await verifyChain([...entries.slice(0, 3), ...entries.slice(4)])).toMatchObject({ ok: false, seq: 5, reason: expect.stringContaining('missing') });
    expect(await verifyChain(entries.slice(1))).toMatchObject({ ok: false, seq: 2 });
  });

  it('fails when two entries are swapped', async () => {
    const entries = await auditSeries();
    const swapped = [entries[0]!, entries[1]!, entries[3]!, entries[2]!, entries[4]!, entries[5]!];
    expect(await verifyChain(swapped)).toMatchObject({ ok: false, seq: 4 });
  });

  it('fails when two entries swap their seq numbers too (stored order restored)', async () => {
    const entries = await auditSeries();
    const a = entries[2]!;
    const b = entries[3]!;
    entries[2] = { ...b, seq: 3 };
    entries[3] = { ...a, seq: 4 };
    expect(await verifyChain(entries)).toMatchObject({ ok: false, seq: 3, reason: expect.stringContaining('altered') });
  });
});
