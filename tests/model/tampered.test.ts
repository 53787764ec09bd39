import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../src/ml/node';
import { modelsDir } from '../helpers/fixtures';

describe('a tampered model folder', () => {
  let root: string | undefined;
  afterAll(() => root && rm(root, { recursive: true, force: true }));

  it('is refused at load, naming the damaged file', async () => {
    root = await mkdtemp(join(tmpdir(), 'workbench-tampered-'));
    await cp(join(modelsDir, 'coco-centernet'), join(root, 'coco-centernet'), { recursive: true });
    const bin = join(root, 'coco-centernet', 'centernet.bin');
    const bytes = await readFile(bin);
    bytes[bytes.length >> 1]! ^= 0x80;
    await writeFile(bin, bytes);

    await expect(createNodeEngine(root).load('coco-centernet')).rejects.toThrow(
      /coco-centernet: centernet\.bin does not match its manifest .*damaged or replaced/,
    );
  });

  it('loads when untouched (the copy itself is sound)', async () => {
    const clean = await mkdtemp(join(tmpdir(), 'workbench-clean-'));
    try {
      await cp(join(modelsDir, 'face-blazeface'), join(clean, 'face-blazeface'), { recursive: true });
      const manifest = await createNodeEngine(clean).load('face-blazeface');
      expect(manifest.id).toBe('face-blazeface');
    } finally {
      await rm(clean, { recursive: true, force: true });
    }
  });
});
