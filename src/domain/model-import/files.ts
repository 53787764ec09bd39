import { bytesSource, ZipError, type ZipLimits } from '../dataset/safe-zip';
import { unzipFiles } from '../dataset/zip';
import { ModelImportError } from './errors';

/** A model's files by path relative to the folder that holds its model.json ("model.json", "group1-shard1of2.bin"). */
export type ModelFiles = ReadonlyMap<string, Uint8Array>;

/** A file as picked or dropped: its path within what was picked (a folder's relative path, or just the name). */
export interface PickedFile {
  path: string;
  bytes: Uint8Array;
}

export interface CollectedModel {
  files: ModelFiles;
  /** What the files came from, for people and the library: "folder yolo_web_model", "tm-model.zip". */
  origin: string;
  /** A name to propose: the folder or zip name. */
  suggestedName: string;
}

const hidden = (path: string) => path.split('/').some((part) => part.startsWith('.') || part === '__MACOSX' || part === 'Thumbs.db');
const parentOf = (path: string) => path.slice(0, Math.max(0, path.lastIndexOf('/')));
const baseOf = (path: string) => path.slice(path.lastIndexOf('/') + 1);

/**
 * The files of one model from what a person picked: a folder, loose files, or a zip of either (read through the
 * project's one zip reader, which refuses entries pointing outside the archive). The folder holding model.json is the
 * model's folder; anything elsewhere is left out.
 */
export async function collectModelFiles(picked: readonly PickedFile[], limits?: ZipLimits): Promise<CollectedModel> {
  const all = new Map<string, Uint8Array>();
  const zips: string[] = [];
  for (const { path, bytes } of picked) {
    const clean = path.replace(/\\/g, '/').replace(/^\.?\//, '');
    if (/\.zip$/i.test(clean)) {
      zips.push(baseOf(clean));
      let entries: Record<string, Uint8Array>;
      try {
        entries = await unzipFiles(bytesSource(bytes), baseOf(clean), limits);
      } catch (error) {
        if (error instanceof ZipError) throw new ModelImportError(error.entry === baseOf(clean) ? `${error.entry}: ${error.reason}` : `${baseOf(clean)}: ${error.entry}: ${error.reason}`);
        throw error;
      }
      for (const [inner, data] of Object.entries(entries)) all.set(`${clean}/${inner}`, data);
    } else {
      all.set(clean, bytes);
    }
  }
  const paths = [...all.keys()].filter((p) => !hidden(p));
  const modelJsons = paths.filter((p) => baseOf(p) === 'model.json');
  if (modelJsons.length === 0) {
    const names = paths.map(baseOf).slice(0, 8).join(', ');
    throw new ModelImportError(`no model.json among the ${paths.length} file${paths.length === 1 ? '' : 's'} given (${names || 'none'}): a TF.js model is a model.json with its weight files`);
  }
  if (modelJsons.length > 1) throw new ModelImportError(`${modelJsons.length} model.json files (${modelJsons.join(', ')}): add one model at a time`);
  const folder = parentOf(modelJsons[0]!);
  const files = new Map<string, Uint8Array>();
  for (const path of paths) {
    if (folder && !path.startsWith(`${folder}/`)) continue;
    files.set(folder ? path.slice(folder.length + 1) : path, all.get(path)!);
  }
  const folderName = baseOf(folder).replace(/\.zip$/i, '');
  const origin = zips.length > 0 ? zips.join(', ') : folder ? `folder ${folderName}` : `${files.size} files`;
  const suggestedName = (folderName || zips[0]?.replace(/\.zip$/i, '') || 'My model').replace(/_web_model$/, '');
  return { files, origin, suggestedName };
}
