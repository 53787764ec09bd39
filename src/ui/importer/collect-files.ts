// Gathers files from a drop, walking into dropped folders (the File System Entry API that Chromium, Firefox and Safari share).

function readAllEntries(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  return new Promise((resolve, reject) => {
    const all: FileSystemEntry[] = [];
    const next = () =>
      reader.readEntries((batch) => {
        if (batch.length === 0) resolve(all);
        else {
          all.push(...batch);
          next(); // readEntries returns at most 100 entries per call
        }
      }, reject);
    next();
  });
}

async function filesOf(entry: FileSystemEntry): Promise<File[]> {
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    const relative = entry.fullPath.replace(/^\//, '');
    if (relative !== file.name) Object.defineProperty(file, 'webkitRelativePath', { value: relative });
    return [file];
  }
  if (entry.isDirectory) {
    const children = await readAllEntries((entry as FileSystemDirectoryEntry).createReader());
    return (await Promise.all(children.map(filesOf))).flat();
  }
  return [];
}

export async function filesFromDrop(data: DataTransfer): Promise<File[]> {
  const entries = Array.from(data.items)
    .map((item) => item.webkitGetAsEntry?.())
    .filter((entry): entry is FileSystemEntry => Boolean(entry));
  if (entries.length === 0) return Array.from(data.files);
  return (await Promise.all(entries.map(filesOf))).flat();
}

/** Hidden files (.DS_Store, Thumbs.db) that come along with folders are not worth reporting. */
export function withoutHiddenFiles(files: File[]): File[] {
  return files.filter((f) => !f.name.startsWith('.') && f.name !== 'Thumbs.db' && f.name !== 'desktop.ini');
}
