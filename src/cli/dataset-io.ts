import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join, relative, sep } from 'node:path';
import type { ExportedSet } from '../domain/dataset/model';
import { type SetFiles, unzipSet, withoutTopFolder, zipSet } from '../domain/dataset/zip';
import type { ZipLimits } from '../domain/dataset/safe-zip';
import { fileSource } from './file-source';
import { readInputFile } from './read-file';
import { UsageError } from './usage';
import { dict } from '../domain/dict';

const isFolder = (path: string) => stat(path).then((s) => s.isDirectory(), () => false);

/**
 * A dataset as given on the command line: a folder (read whole), a .zip (read through the hardened zip reader, within
 * `limits`), or one file (COCO JSON, a CSV, one XML).
 */
export async function readSetInput(path: string, limits?: ZipLimits): Promise<SetFiles> {
  if (await isFolder(path)) {
    const files: SetFiles = dict();
    for (const entry of await readdir(path, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const full = join(entry.parentPath, entry.name);
      files[relative(path, full).split(sep).join('/')] = await readInputFile(full);
    }
    return withoutTopFolder(files);
  }
  if (extname(path).toLowerCase() === '.zip') {
    const source = await fileSource(path).catch((error: Error) => {
      throw new Error(`${path}: ${error.message}`, { cause: error });
    });
    try {
      return await unzipSet(source, basename(path), limits);
    } finally {
      await source.close();
    }
  }
  return dict([[basename(path), await readFileNamed(path)]]);
}

async function readFileNamed(path: string): Promise<Uint8Array> {
  try {
    return await readInputFile(path);
  } catch (error) {
    throw new Error(`${path}: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * Writes a set: into a .zip when `out` ends in .zip; as one file when the set is one text file and `out` is
 * not a folder but a file name (annotations.json → out.json, without images); otherwise into the folder `out` (created if missing).
 * Returns the paths written.
 */
export async function writeSetOutput(set: ExportedSet, images: ReadonlyMap<string, Uint8Array> | undefined, out: string): Promise<string[]> {
  if (extname(out).toLowerCase() === '.zip') {
    await mkdir(dirname(out), { recursive: true });
    await writeFile(out, zipSet(set, images));
    return [out];
  }
  const texts = Object.entries(set.files);
  // One file asked for by name (out.json, out.csv): only the annotations; images need a folder or a zip.
  if (texts.length === 1 && !(await isFolder(out)) && extname(out) !== '') {
    await mkdir(dirname(out), { recursive: true });
    await writeFile(out, texts[0]![1]);
    return [out];
  }
  if (extname(out) !== '' && !(await isFolder(out))) {
    throw new UsageError(`the ${Object.keys(set.files).length} files of this set need a folder or a .zip, not ${basename(out)}`);
  }
  const written: string[] = [];
  const put = async (path: string, data: string | Uint8Array) => {
    const full = join(out, ...path.split('/'));
    await mkdir(dirname(full), { recursive: true });
    await writeFile(full, data);
    written.push(full);
  };
  for (const [path, text] of texts) await put(path, text);
  if (images) for (const [fileName, paths] of set.imagePaths) for (const path of paths) if (images.has(fileName)) await put(path, images.get(fileName)!);
  return written;
}
