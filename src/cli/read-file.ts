import { open, readFile } from 'node:fs/promises';

const reasons: Record<string, string> = {
  ENOENT: 'no such file',
  EISDIR: 'is a directory, not a file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
};

/** Reads a whole file, turning the usual fs error codes into short reasons. */
export async function readInputFile(path: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (error) {
    throw explained(error);
  }
}

/** The first bytes of a file (to tell its format), with the same short reasons. */
export async function readFileHead(path: string, bytes: number): Promise<Uint8Array> {
  try {
    const handle = await open(path);
    try {
      const { buffer, bytesRead } = await handle.read(new Uint8Array(bytes), 0, bytes, 0);
      return buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw explained(error);
  }
}

function explained(error: unknown): Error {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  return new Error(reasons[code] ?? (error as Error).message, { cause: error });
}
