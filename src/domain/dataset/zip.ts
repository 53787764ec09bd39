import { strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { ProblemList } from './errors';
import type { ExportedSet, TextFiles } from './model';

const IMAGE_EXTENSIONS = /\.(jpe?g|png|gif|webp|bmp|tiff?)$/i;
export const isImagePath = (path: string): boolean => IMAGE_EXTENSIONS.test(path);

/** One zip of a set: its text files, compressed, and (when given) the images, stored as they are. */
export function zipSet(set: ExportedSet, images?: ReadonlyMap<string, Uint8Array>): Uint8Array {
  const entries: Zippable = {};
  for (const [path, text] of Object.entries(set.files)) entries[path] = [strToU8(text), { level: 6 }];
  if (images) {
    for (const [fileName, paths] of set.imagePaths) {
      const bytes = images.get(fileName);
      if (bytes) for (const path of paths) entries[path] = [bytes, { level: 0 }];
    }
  }
  return zipSync(entries);
}

/** Files of a set read from a zip or a folder: paths with "/" and no shared top folder. */
export type SetFiles = Record<string, Uint8Array>;

export function unzipSet(bytes: Uint8Array, name: string): SetFiles {
  try {
    return withoutTopFolder(unzipFiles(bytes, name));
  } catch (error) {
    if (!(error instanceof ZipError)) throw error;
    const problems = new ProblemList();
    problems.add(name, error.reason);
    problems.throwIfAny();
    throw error;
  }
}

/** A zip that cannot be read, or one with an entry that would land outside the folder it is unpacked into. */
export class ZipError extends Error {
  override name = 'ZipError';
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
  }
}

/** "a/../b" stays inside, "../b", "/b", "C:/b" or "a/../../b" would not. */
function leavesArchive(path: string): boolean {
  if (/^([a-zA-Z]:)?[\\/]/.test(path)) return true;
  let depth = 0;
  for (const part of path.split(/[\\/]/)) {
    if (part === '..') depth--;
    else if (part !== '.' && part !== '') depth++;
    if (depth < 0) return true;
  }
  return false;
}

/**
 * The one way zips are read: every file entry by its path ("/"-separated), folders and macOS litter left out.
 * Refuses the whole archive, before anything of it is used, when an entry's path points outside it.
 */
export function unzipFiles(bytes: Uint8Array, name: string): SetFiles {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes);
  } catch (error) {
    throw new ZipError(name, `not a readable zip file (${(error as Error).message})`);
  }
  const files: SetFiles = {};
  for (const [path, data] of Object.entries(entries)) {
    if (leavesArchive(path)) throw new ZipError(name, `the entry "${path}" points outside the archive; nothing of it was used`);
    if (path.endsWith('/') || path.startsWith('__MACOSX/') || /(^|\/)\.DS_Store$/.test(path)) continue;
    files[path.replace(/\\/g, '/')] = data;
  }
  return files;
}

/** A set zipped together with its folder ("dataset/data.yaml", …) reads as if zipped from inside it. */
export function withoutTopFolder(files: SetFiles): SetFiles {
  const paths = Object.keys(files).map((p) => p.replace(/\\/g, '/'));
  const top = paths[0]?.split('/')[0];
  if (!top || paths.some((p) => !p.startsWith(`${top}/`))) return files;
  return Object.fromEntries(Object.entries(files).map(([p, d]) => [p.replace(/\\/g, '/').slice(top.length + 1), d]));
}

/** Separates a set's text files (decoded as UTF-8, strictly) from its images. */
export function splitSetFiles(files: SetFiles): { text: TextFiles; images: SetFiles } {
  const text: TextFiles = {};
  const images: SetFiles = {};
  const problems = new ProblemList();
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (const [path, data] of Object.entries(files)) {
    if (isImagePath(path)) images[path] = data;
    else if (/\.(json|ya?ml|txt|xml|csv)$/i.test(path)) {
      try {
        text[path] = decoder.decode(data);
      } catch {
        problems.add(path, 'not UTF-8 text');
      }
    }
  }
  problems.throwIfAny();
  return { text, images };
}

