import { strToU8, zipSync, type Zippable } from 'fflate';
import { ProblemList } from './errors';
import { openZip, ZipError, type ZipLimits, type ZipSource } from './safe-zip';
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

const TEXT_EXTENSIONS = /\.(json|ya?ml|txt|xml|csv)$/i;

/** What a dataset set holds: its text files and images. Anything else in a zip is skipped without being inflated. */
export const isSetFile = (path: string): boolean =>
  !path.startsWith('__MACOSX/') && !/(^|\/)\.DS_Store$/.test(path) && (isImagePath(path) || TEXT_EXTENSIONS.test(path));

/**
 * The set files of a zip, read through the hardened reader (central directory first, limits, no bombs). A zip that
 * cannot be read, or a file it refuses, is a DatasetError naming the entry.
 */
export async function unzipSet(source: ZipSource, name: string, limits?: ZipLimits): Promise<SetFiles> {
  const files = dict<Uint8Array>();
  try {
    const zip = await openZip(source, name, { keep: isSetFile, ...(limits ? { limits } : {}) });
    for (const entry of zip.entries) files[entry.name] = await zip.read(entry);
  } catch (error) {
    if (!(error instanceof ZipError)) throw error;
    const problems = new ProblemList();
    problems.add(error.entry === name ? name : `${name}: ${error.entry}`, error.reason);
    problems.throwIfAny();
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
    else if (TEXT_EXTENSIONS.test(path)) {
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


const litter = (path: string) => path.startsWith('__MACOSX/') || /(^|\/)\.DS_Store$/.test(path);

/**
 * Every file of a zip by its path, read through the hardened reader: paths outside the archive, bombs and damaged
 * entries are refused (ZipError naming the entry) before anything of it is used; macOS litter is skipped unread.
 */
export async function unzipFiles(source: ZipSource, name: string, limits?: ZipLimits): Promise<SetFiles> {
  const files = dict<Uint8Array>();
  const zip = await openZip(source, name, { keep: (path) => !litter(path), ...(limits ? { limits } : {}) });
  for (const entry of zip.entries) files[entry.name] = await zip.read(entry);
  return files;
}
