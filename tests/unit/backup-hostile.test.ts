import { unzipSync, zipSync } from 'fflate';
import { applyToList, type Annotation } from '../../src/domain/annotation';
import { auditSeries, changeSeries, IMAGE } from '../helpers/annotations';
import { describe, expect, it } from 'vitest';
import { BundleError, buildManifest, PATHS, readBundle, writeBundle } from '../../src/domain/backup';
import { bytesSource } from '../../src/domain/dataset/safe-zip';
import { sha256Hex } from '../../src/domain/hash';
import { SCHEMA_VERSION } from '../../src/storage/db';
import { type RawEntry, stored, writeZip, zeros, zerosSize } from '../helpers/zip-bomb';

const GiB = 2 ** 30;

/** A small valid backup's files (one image with its thumbnail), as stored entries to rebuild from. */
async function backupFiles(): Promise<Record<string, Uint8Array>> {
  const png = new Uint8Array([137, 80, 78, 71, 1, 2, 3]);
  const sha = await sha256Hex(png);
  const zip = await writeBundle(
    {
      images: [{ sha256: sha, fileName: 'x.png', type: 'image/png', width: 1, height: 1, bytes: png.length, importedAt: 't' }],
      annotations: [],
      predictions: [],
      audit: [],
      labels: [],
      blobs: new Map([[sha, png]]),
      thumbnails: new Map([[sha, png]]),
      previews: new Map(),
    },
    { projectName: 'Hostile', schemaVersion: SCHEMA_VERSION, created: 't' },
  );
  return unzipSync(zip);
}

/** The backup's files plus `extra` entries, under its manifest rebuilt to list its files and `listed` besides. */
async function forge(files: Record<string, Uint8Array>, extra: RawEntry[], listed: { path: string; sha256: string; bytes: number }[] = []): Promise<Uint8Array> {
  const manifest = JSON.parse(new TextDecoder().decode(files[PATHS.manifest])) as Parameters<typeof buildManifest>[1];
  const rest = new Map(Object.entries(files).filter(([p]) => p !== PATHS.manifest));
  const rebuilt = await buildManifest(rest, manifest);
  rebuilt.files.push(...listed);
  const entries = [...rest].map(([p, b]) => stored(p, b));
  return writeZip([...entries, ...extra, stored(PATHS.manifest, new TextEncoder().encode(JSON.stringify(rebuilt)))]);
}

const refusal = (zip: Uint8Array) => readBundle(bytesSource(zip), SCHEMA_VERSION, 'hostile.zip').then(() => null, (e: BundleError) => e);

describe('hostile backups are refused before anything is inflated or written', () => {
  it('an unlisted 1.5 GiB entry is refused by name without inflating it', async () => {
    const zip = await forge(await backupFiles(), [zeros('padding.bin', zerosSize(1.5 * GiB))]);
    const start = performance.now();
    const before = process.memoryUsage();
    const error = await refusal(zip);
    const after = process.memoryUsage();
    console.log(
      `unlisted 1.5 GiB entry refused: ${(performance.now() - start).toFixed(1)} ms, array buffers +${((after.arrayBuffers - before.arrayBuffers) / 2 ** 20).toFixed(1)} MB, rss ${(after.rss / 2 ** 20).toFixed(0)} MB`,
    );
    expect(error).toBeInstanceOf(BundleError);
    expect(error!.message).toBe('padding.bin: not listed in the manifest');
  });

  it('a listed entry beyond the zip limits is refused by name, with the limit', async () => {
    const bomb = zeros(`images/${'f'.repeat(64)}`, zerosSize(1.5 * GiB));
    // Listed with its declared size; its hash cannot be known without inflating it, and need not be.
    const zip = await forge(await backupFiles(), [bomb], [{ path: bomb.name, sha256: 'f'.repeat(64), bytes: bomb.size }]);
    expect((await refusal(zip))!.message).toBe(`${bomb.name}: would inflate to 1.5 GiB, more than the limit of 1 GiB per file`);
  });

  it('a manifest naming a path outside the backup layout ("../../x.json") is refused, and so is such an entry', async () => {
    const files = await backupFiles();
    const listed = await forge(files, [], [{ path: '../../x.json', sha256: 'a'.repeat(64), bytes: 2 }]);
    expect((await refusal(listed))!.message).toMatch(/^manifest\.json: files\[\d+\] names "\.\.\/\.\.\/x\.json", not a file a project backup holds$/);
    const evil = new TextEncoder().encode('{}');
    const carried = await forge(files, [stored('../../x.json', evil)], [{ path: '../../x.json', sha256: await sha256Hex(evil), bytes: 2 }]);
    expect((await refusal(carried))!.message).toBe('../../x.json: a path outside the archive (absolute, or with "..")');
  });

  it('annotations.json edited and the manifest re-hashed: the replay of the audit log names the difference', async () => {
    const zip = await sessionBundle();
    const files = unzipSync(zip);
    const annotations = JSON.parse(new TextDecoder().decode(files[PATHS.annotations])) as { id: string; label: string }[];
    annotations.find((a) => a.id === 'id-1')!.label = 'horse';
    const forged = await forgeWith(files, PATHS.annotations, new TextEncoder().encode(JSON.stringify(annotations)));
    expect((await refusal(forged))!.message).toMatch(/^annotations\.json: annotation id-1 differs from the audit log \(entry \d+\) in label: "horse" where the log says "dog"$/);
  });

  it('audit.json cut short and the manifest re-hashed: refused against the head the manifest records', async () => {
    const zip = await sessionBundle();
    const files = unzipSync(zip);
    const audit = JSON.parse(new TextDecoder().decode(files[PATHS.audit])) as unknown[];
    const forged = await forgeWith(files, PATHS.audit, new TextEncoder().encode(JSON.stringify(audit.slice(0, -1))));
    expect((await refusal(forged))!.message).toMatch(new RegExp(`^audit\\.json: the log ends at entry ${audit.length - 1}, but ${audit.length} entries were recorded`));
  });
});

/** A backup of a real editing session (suggest, accept, move, relabel, accept all, undo), made in memory. */
async function sessionBundle(): Promise<Uint8Array> {
  const changes = changeSeries();
  const audit = await auditSeries(changes);
  const annotations = changes.reduce<Annotation[]>((list, change) => applyToList(list, change), []);
  const image = { sha256: IMAGE, fileName: 'a.png', type: 'image/png', width: 100, height: 80, bytes: 1, importedAt: 't' };
  return writeBundle(
    { images: [image], annotations, predictions: [], audit, labels: [], blobs: new Map(), thumbnails: new Map(), previews: new Map() },
    { projectName: 'Session', schemaVersion: SCHEMA_VERSION, created: 't' },
  );
}

/** The bundle with one file replaced and the manifest's file list re-hashed to agree (its recorded head kept). */
async function forgeWith(files: Record<string, Uint8Array>, path: string, bytes: Uint8Array): Promise<Uint8Array> {
  const changed = { ...files, [path]: bytes };
  const manifest = JSON.parse(new TextDecoder().decode(files[PATHS.manifest])) as Parameters<typeof buildManifest>[1] & { auditHead?: unknown };
  const rebuilt = { ...(await buildManifest(new Map(Object.entries(changed).filter(([p]) => p !== PATHS.manifest)), manifest)), auditHead: manifest.auditHead };
  return zipSync({ ...changed, [PATHS.manifest]: new TextEncoder().encode(JSON.stringify(rebuilt)) });
}
