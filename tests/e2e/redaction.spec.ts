import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { unzipSync } from 'fflate';
import { decodeImage } from '../../src/cli/decode-image';
import { readMetadata } from '../../src/domain/evidence/metadata';
import { importThroughChooser, menu } from '../helpers/app';
import { evidenceFiles } from '../helpers/evidence-files';
import { readFixture } from '../helpers/fixtures';

const files = evidenceFiles();
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

test('a COCO export with faces blurred and metadata stripped: the face differs in the copy only, and the redaction is audited', async ({ page }) => {
  await page.goto('/');
  await importThroughChooser(page, [files.astronaut, files.horse]);

  await menu(page, 'Export', 'Export dataset…');
  const dialog = page.getByRole('dialog', { name: 'Export dataset' });
  await dialog.getByRole('combobox', { name: 'Format' }).selectOption('coco');
  await dialog.getByLabel('Hide faces (BlazeFace)').check();
  await dialog.getByLabel(/Strip all metadata/).check();
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export zip' }).click();
  const path = join(files.dir, 'redacted.zip');
  await (await download).saveAs(path);
  await expect(dialog.getByRole('status').last()).toContainText(
    'Blurred 1 region in 1 image (recorded in the audit log). Metadata stripped from every exported image.',
  );
  const zip = unzipSync(new Uint8Array(await readFile(path)));

  // The astronaut's face region differs; everything else is as it was.
  const original = decodeImage(readFixture('astronaut.png')).pixels;
  const copy = decodeImage(zip['images/astronaut.png']!).pixels;
  let [x0, y0, x1, y1, changed, difference] = [512, 512, 0, 0, 0, 0];
  for (let y = 0; y < 512; y++) {
    for (let x = 0; x < 512; x++) {
      const i = (y * 512 + x) * 4;
      const d = Math.abs(copy.data[i]! - original.data[i]!) + Math.abs(copy.data[i + 1]! - original.data[i + 1]!) + Math.abs(copy.data[i + 2]! - original.data[i + 2]!);
      if (d === 0) continue;
      changed++;
      difference += d;
      [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
    }
  }
  const region = (x1 - x0 + 1) * (y1 - y0 + 1);
  console.log(`astronaut copy: ${changed} pixels changed in x ${x0}–${x1}, y ${y0}–${y1}, mean change ${(difference / changed / 3).toFixed(1)} per channel`);
  expect(y1).toBeLessThan(300); // the face, in the upper part of the photo
  expect(region).toBeGreaterThan(512 * 512 * 0.02);
  expect(region).toBeLessThan(512 * 512 * 0.25);
  expect(changed / region).toBeGreaterThan(0.8);
  expect(difference / changed / 3).toBeGreaterThan(5);

  // The horse has no face: the same pixels, without its EXIF and GPS.
  const horse = zip['images/horse-nikon.jpg']!;
  const horseOriginal = new Uint8Array(await readFile(files.horse));
  expect((await readMetadata(horseOriginal)).gps).toEqual({ lat: 48.8584, lon: 2.2945 });
  expect(await readMetadata(horse)).toEqual({ blocks: [] });
  expect(Buffer.from(decodeImage(horse).pixels.data).equals(Buffer.from(decodeImage(horseOriginal).pixels.data))).toBe(true);

  // In the project: the original bytes unchanged, and an audit entry with the hash before and after.
  const astronautSha = sha256(readFixture('astronaut.png'));
  const stored = await page.evaluate(async (sha) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('recognition-workbench');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const get = <T,>(store: string, key?: IDBValidKey) =>
      new Promise<T>((resolve, reject) => {
        const request = key === undefined ? db.transaction(store).objectStore(store).getAll() : db.transaction(store).objectStore(store).get(key);
        request.onsuccess = () => resolve(request.result as T);
        request.onerror = () => reject(request.error);
      });
    const blob = await get<Blob>('blobs', sha);
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', await blob.arrayBuffer()));
    const audit = await get<{ action: string; imageSha256: string; detail?: Record<string, unknown> }[]>('audit');
    db.close();
    return { sha256: Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join(''), audit };
  }, astronautSha);
  expect(stored.sha256).toBe(astronautSha);
  const redactions = stored.audit.filter((e) => e.action === 'redact');
  expect(redactions).toHaveLength(1);
  expect(redactions[0]).toMatchObject({
    imageSha256: astronautSha,
    detail: { sha256Before: astronautSha, sha256After: sha256(zip['images/astronaut.png']!), exportedAs: 'astronaut.png', method: 'blur', hidden: '1 face' },
  });
});
