import 'fake-indexeddb/auto';
import { unzipSync, zipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { bytesSource } from '../../src/domain/dataset/safe-zip';
import { buildManifest, BundleError, bundleImageFiles, BundleWriter, PATHS, readBundle, writeBundle } from '../../src/domain/backup';
import { sha256Hex } from '../../src/domain/hash';
import type { ImageRecord } from '../../src/domain/image';
import { addImage, annotationsOf, applyChange, auditLog, backupProject, listImages, listSummaries, openWorkbenchDb, restoreProject, SCHEMA_VERSION, saveLabelSet, type WorkbenchDb } from '../../src/storage';
import { auditSeries, changeSeries, IMAGE } from '../helpers/annotations';

const opened: WorkbenchDb[] = [];
let counter = 0;
async function freshDb(): Promise<WorkbenchDb> {
  const db = await openWorkbenchDb(`backup-test-${process.pid}-${++counter}`);
  opened.push(db);
  return db;
}
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

const bytes = (text: string) => new TextEncoder().encode(text);

/** A project with two images (one is IMAGE, annotated through the editor's series of changes), labels and a chain. */
async function sampleProject(): Promise<WorkbenchDb> {
  const db = await freshDb();
  const other = new Uint8Array([1, 2, 3, 4]);
  const otherSha = await sha256Hex(other);
  const record = (sha256: string, fileName: string): ImageRecord => ({ sha256, fileName, type: 'image/png', width: 100, height: 80, bytes: 4, importedAt: `2026-01-01T00:00:0${fileName.length % 10}.000Z`, review: 'in-progress' });
  // IMAGE is a fixed test hash, not the hash of bytes we have: it is stored without its original (a backup without images).
  await addImage(db, { record: record(otherSha, 'b.png'), blob: new Blob([other]), thumbnail: new Blob([bytes('thumb-b')]) });
  await db.put('images', record(IMAGE, 'a.png'));
  await db.put('thumbnails', new Blob([bytes('thumb-a')]), IMAGE);
  const changes = changeSeries();
  const entries = await auditSeries(changes);
  for (const [i, change] of changes.entries()) await applyChange(db, change, entries[i]!);
  await saveLabelSet(db, ['dog', 'cat']);
  return db;
}

/** Backs a project up as the app does: file by file through the streaming writer. */
async function bundleOf(db: WorkbenchDb, includeImages = false): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  const writer = new BundleWriter((chunk) => chunks.push(chunk));
  await backupProject(db, includeImages, writer);
  await writer.finish({ projectName: 'Case 7', schemaVersion: SCHEMA_VERSION, created: '2026-02-01T00:00:00.000Z' });
  return new Uint8Array(await new Blob(chunks as Uint8Array<ArrayBuffer>[]).arrayBuffer());
}

/** Rewrites one file of a bundle; with `fixManifest` the manifest is made to agree (a careful forger). */
async function tamper(zip: Uint8Array, path: string, change: (b: Uint8Array) => Uint8Array, fixManifest = false): Promise<Uint8Array> {
  const files = unzipSync(zip);
  files[path] = change(files[path]!) as Uint8Array<ArrayBuffer>;
  if (fixManifest) {
    const manifest = JSON.parse(new TextDecoder().decode(files[PATHS.manifest]));
    const rest = new Map(Object.entries(files).filter(([p]) => p !== PATHS.manifest));
    const rebuilt = await buildManifest(rest, manifest);
    files[PATHS.manifest] = bytes(JSON.stringify(rebuilt));
  }
  return zipSync(files);
}

/** The bytes read by byte range, as a File is. */
const sourceOf = (zip: Uint8Array) => bytesSource(zip);
const imageFilesOf = async (zip: Uint8Array) => {
  const files = [];
  for await (const file of bundleImageFiles(sourceOf(zip), 'x.zip')) files.push(file);
  return files;
};
const refusal = async (zip: Uint8Array) => readBundle(sourceOf(zip), SCHEMA_VERSION, 'case7.zip').then(() => null, (e: BundleError) => e);

describe('project backup bundles', () => {
  it('lists every file with its size and SHA-256 and restores the identical project', async () => {
    const source = await sampleProject();
    const zip = await bundleOf(source, true);
    const { manifest, data } = await readBundle(sourceOf(zip), SCHEMA_VERSION);
    expect(manifest).toMatchObject({ format: 'recognition-workbench-project', formatVersion: 1, schemaVersion: SCHEMA_VERSION, projectName: 'Case 7', includesImages: true });
    const files = unzipSync(zip);
    for (const entry of manifest.files) {
      expect(entry.sha256).toBe(await sha256Hex(files[entry.path]!));
      expect(entry.bytes).toBe(files[entry.path]!.length);
    }
    expect(manifest.files.map((f) => f.path)).toEqual(expect.arrayContaining(['images.json', 'annotations.json', 'predictions.json', 'audit.json', 'labels.json']));

    const name = `restored-${process.pid}-${++counter}`;
    await restoreProject(name, data, bundleImageFiles(sourceOf(zip), 'x.zip'));
    const copy = await openWorkbenchDb(name);
    opened.push(copy);
    expect(await listImages(copy)).toEqual(await listImages(source));
    expect(await annotationsOf(copy, IMAGE)).toEqual(await annotationsOf(source, IMAGE));
    expect(await auditLog(copy)).toEqual(await auditLog(source));
    expect(await listSummaries(copy)).toEqual(await listSummaries(source));
    expect(await copy.get('settings', 'labelSet')).toEqual(['dog', 'cat']);
    const sha = (await imageFilesOf(zip)).find((f) => f.kind === 'blob')!.sha256;
    expect(new Uint8Array(await (await copy.get('blobs', sha!))!.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3, 4]));
    expect(await (await copy.get('thumbnails', IMAGE))!.text()).toBe('thumb-a');
  });

  it('writes a bundle from contents in memory (the generated bench project) that reads back the same', async () => {
    const png = new Uint8Array([137, 80, 78, 71]);
    const sha = await sha256Hex(png);
    const contents = {
      images: [{ sha256: sha, fileName: 'x.png', type: 'image/png', width: 1, height: 1, bytes: 4, importedAt: 't' }],
      annotations: [],
      predictions: [],
      audit: [],
      labels: ['boat'],
      blobs: new Map([[sha, png]]),
      thumbnails: new Map([[sha, png]]),
      previews: new Map<string, Uint8Array>(),
    };
    const zip = await writeBundle(contents, { projectName: 'Gen', schemaVersion: SCHEMA_VERSION, created: 't' });
    const { manifest, data } = await readBundle(sourceOf(zip), SCHEMA_VERSION);
    expect(manifest.includesImages).toBe(true);
    expect(data).toEqual({ images: contents.images, annotations: [], predictions: [], audit: [], labels: ['boat'] });
    expect((await imageFilesOf(zip)).map((f) => [f.kind, f.sha256, [...f.bytes]])).toEqual([
      ['blob', sha, [...png]],
      ['thumbnail', sha, [...png]],
    ]);
  });

  it('reads a bundle of thousands of tiny files handed over in one large chunk', async () => {
    const images = [];
    const thumbnails = new Map<string, Uint8Array>();
    for (let n = 0; n < 3000; n++) {
      const bytes = new TextEncoder().encode(`thumb ${n}`);
      const sha256 = await sha256Hex(bytes);
      images.push({ sha256, fileName: `${n}.png`, type: 'image/png', width: 1, height: 1, bytes: 1, importedAt: 't' });
      thumbnails.set(sha256, bytes);
    }
    const zip = await writeBundle({ images, annotations: [], predictions: [], audit: [], labels: [], blobs: new Map(), thumbnails, previews: new Map() }, { projectName: 'Many', schemaVersion: SCHEMA_VERSION, created: 't' });
    const { imageFiles } = await readBundle(bytesSource(zip), SCHEMA_VERSION);
    expect(imageFiles).toBe(3000);
  });

  it('leaves the original images out when asked', async () => {
    const zip = await bundleOf(await sampleProject(), false);
    const { manifest, imageFiles } = await readBundle(sourceOf(zip), SCHEMA_VERSION);
    expect(manifest.includesImages).toBe(false);
    expect(imageFiles).toBe(2);
    expect((await imageFilesOf(zip)).map((f) => f.kind)).toEqual(['thumbnail', 'thumbnail']);
  });

  it('refuses a bundle cut short', async () => {
    const zip = await bundleOf(await sampleProject());
    const error = await refusal(zip.subarray(0, Math.floor(zip.length * 0.6)));
    expect(error).toBeInstanceOf(BundleError);
    // Cut inside a file, or between files (then the manifest, written last, is what is missing).
    expect(error!.message).toMatch(/^(case7\.zip: not a readable zip|manifest\.json: missing).* cut short/);
  });

  it('refuses a bundle missing a listed file, naming it', async () => {
    const files = unzipSync(await bundleOf(await sampleProject()));
    delete files[PATHS.audit];
    expect((await refusal(zipSync(files)))!.message).toBe('audit.json: listed in the manifest but missing from the bundle (cut short?)');
  });

  it('refuses an altered file, naming it', async () => {
    const zip = await tamper(await bundleOf(await sampleProject()), PATHS.annotations, (b) => bytes(new TextDecoder().decode(b).replace('"dog"', '"cat"')));
    expect((await refusal(zip))!.message).toMatch(/^annotations\.json: (\d+ bytes where|its SHA-256 does not match)/);
  });

  it('refuses an image whose bytes do not hash to its name even when the manifest was rewritten to match', async () => {
    const zip = await bundleOf(await sampleProject(), true);
    const path = Object.keys(unzipSync(zip)).find((p) => p.startsWith('images/'))!;
    const error = await refusal(await tamper(zip, path, (b) => b.map((x) => x ^ 1), true));
    expect(error!.message).toBe(`${path}: the bytes do not hash to the name: the image was altered`);
  });

  it('refuses an audit log whose chain is broken even when the manifest was rewritten to match', async () => {
    const zip = await tamper(
      await bundleOf(await sampleProject()),
      PATHS.audit,
      (b) => {
        const log = JSON.parse(new TextDecoder().decode(b));
        log[2].after[0].label = 'horse';
        return bytes(JSON.stringify(log));
      },
      true,
    );
    expect((await refusal(zip))!.message).toBe('audit.json: entry 3: the entry was altered after it was written');
  });

  it('refuses files the manifest does not list, and bundles from a newer app', async () => {
    const files = unzipSync(await bundleOf(await sampleProject()));
    expect((await refusal(zipSync({ ...files, 'extra.bin': new Uint8Array([1]) })))!.message).toBe('extra.bin: not listed in the manifest');
    const manifest = JSON.parse(new TextDecoder().decode(files[PATHS.manifest]));
    const newer = zipSync({ ...files, [PATHS.manifest]: bytes(JSON.stringify({ ...manifest, schemaVersion: SCHEMA_VERSION + 1 })) });
    expect((await refusal(newer))!.message).toMatch(/^manifest\.json: written with storage schema \d+, newer than this app's/);
    expect((await refusal(zipSync({ 'a.txt': bytes('hello') })))!.message).toMatch(/^manifest\.json: missing/);
  });
});
