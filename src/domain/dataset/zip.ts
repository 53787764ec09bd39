import { strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { ProblemList } from './errors';
import type { ExportedSet, TextFiles } from './model';
import { dict } from '../dict';

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
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes);
  } catch (error) {
    const problems = new ProblemList();
    problems.add(name, `not a readable zip file (${(error as Error).message})`);
    problems.throwIfAny();
    throw error;
  }
  const files = dict<Uint8Array>();
  for (const [path, data] of Object.entries(entries)) {
    if (path.endsWith('/') || path.startsWith('__MACOSX/') || /(^|\/)\.DS_Store$/.test(path)) continue;
    files[path] = data;
  }
  return withoutTopFolder(files);
}

/** A set zipped together with its folder ("dataset/data.yaml", …) reads as if zipped from inside it. */
export function withoutTopFolder(files: SetFiles): SetFiles {
  const paths = Object.keys(files).map((p) => p.replace(/\\/g, '/'));
  const top = paths[0]?.split('/')[0];
  if (!top || paths.some((p) => !p.startsWith(`${top}/`))) return files;
  return dict(Object.entries(files).map(([p, d]) => [p.replace(/\\/g, '/').slice(top.length + 1), d]));
}

/** Separates a set's text files (decoded as UTF-8, strictly) from its images. */
export function splitSetFiles(files: SetFiles): { text: TextFiles; images: SetFiles } {
  const text = dict<string>();
  const images = dict<Uint8Array>();
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

