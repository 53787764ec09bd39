import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyToList, type Annotation } from '../../src/domain/annotation';
import { headOf } from '../../src/domain/audit-replay';
import { writeBundle } from '../../src/domain/backup';
import { sha256Hex } from '../../src/domain/hash';
import { SCHEMA_VERSION } from '../../src/storage/db';
import { auditSeries, changeSeries, IMAGE } from '../helpers/annotations';
import { readFixture } from '../helpers/fixtures';
import { workbench } from '../helpers/workbench';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'verify-cli-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** A backup with astronaut.png's original and a session of annotation changes on another image. */
async function backup() {
  const png = readFixture('astronaut.png');
  const sha = await sha256Hex(png);
  const changes = changeSeries();
  const audit = await auditSeries(changes);
  const annotations = changes.reduce<Annotation[]>((list, change) => applyToList(list, change), []);
  const record = (sha256: string, fileName: string, bytes: number) => ({ sha256, fileName, type: 'image/png', width: 512, height: 512, bytes, importedAt: 't' });
  const zip = await writeBundle(
    { images: [record(sha, 'astronaut.png', png.length), record(IMAGE, 'a.png', 1)], annotations, predictions: [], audit, labels: [], blobs: new Map([[sha, png]]), thumbnails: new Map(), previews: new Map() },
    { projectName: 'Verify', schemaVersion: SCHEMA_VERSION, created: 't' },
  );
  return { zip, png, sha, head: headOf(audit) };
}

describe('workbench verify', () => {
  it('verifies an intact backup: images, audit entries and the head', async () => {
    const { zip, head } = await backup();
    const path = join(dir, 'ok.zip');
    await writeFile(path, zip);
    const run = await workbench('verify', path);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`verified: 2 images, ${head.count} audit entries, head ${head.hash}\n`);
  });

  it('names the image whose byte was changed, and exits 1', async () => {
    const { zip, png, sha } = await backup();
    const at = Buffer.from(zip).indexOf(Buffer.from(png.subarray(0, 64))) + 1000;
    const changed = zip.slice();
    changed[at]! ^= 0x01;
    const path = join(dir, 'changed.zip');
    await writeFile(path, changed);
    const run = await workbench('verify', path);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`workbench: changed.zip: images/${sha}: damaged: its CRC-32 does not match\n`);
  });

  it('names the file when a changed byte lands in compressed JSON, a missing file, and a usage mistake', async () => {
    const { zip } = await backup();
    const json = Buffer.from(zip).indexOf(Buffer.from('audit.json')) + 'audit.json'.length + 40;
    const changed = zip.slice();
    changed[json]! ^= 0x20;
    const path = join(dir, 'json.zip');
    await writeFile(path, changed);
    const run = await workbench('verify', path);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^workbench: json\.zip: audit\.json: (damaged|the entry|entry \d+)/);
    expect((await workbench('verify', join(dir, 'nothing.zip'))).stderr).toContain('nothing.zip: no such file');
    expect((await workbench('verify')).code).toBe(2);
  });
});
