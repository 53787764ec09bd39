import { basename } from 'node:path';
import { headOf } from '../../domain/audit-replay';
import { BundleError, readBundle } from '../../domain/backup';
import type { ZipLimits } from '../../domain/dataset/safe-zip';
import { SCHEMA_VERSION } from '../../storage/db';
import { fileSource } from '../file-source';
import type { Output } from './detect';

export interface VerifyOptions {
  file: string;
  zipLimits?: ZipLimits;
}

/**
 * Checks a project backup offline, as a restore would before writing anything: every file against the manifest's
 * size and SHA-256, every original image against the SHA-256 it is named by, the audit chain from its first entry to
 * the head the manifest records, and the annotations as the log leaves them. Prints one line; exit 1 naming the
 * first broken item.
 */
export async function runVerify(options: VerifyOptions, io: Output): Promise<number> {
  const name = basename(options.file);
  let source: Awaited<ReturnType<typeof fileSource>>;
  try {
    source = await fileSource(options.file);
  } catch (error) {
    io.stderr(`workbench: ${options.file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
    return 1;
  }
  try {
    const { manifest, data } = await readBundle(source, SCHEMA_VERSION, name, options.zipLimits);
    const head = headOf(data.audit).hash;
    if (!manifest.includesImages) io.stderr(`workbench: ${name}: holds no original image files (backed up without images): their records and thumbnails were checked`);
    if (!manifest.auditHead) io.stderr(`workbench: ${name}: made before backups recorded the audit log's head: a log cut short at its end cannot be told`);
    io.stdout(`verified: ${data.images.length} images, ${data.audit.length} audit entries, head ${head}\n`);
    const signed = data.audit.filter((e) => e.signature).length;
    if (signed > 0) {
      const keys = (data.keys ?? []).map((k) => `${k.analyst} (key ${k.keyId})`).join(', ');
      io.stdout(`signed: ${signed} of ${data.audit.length} entries, every signature valid; keys: ${keys}\n`);
    }
    return 0;
  } catch (error) {
    if (!(error instanceof BundleError)) throw error;
    io.stderr(`workbench: ${name}: ${error.message}`);
    return 1;
  } finally {
    await source.close();
  }
}
