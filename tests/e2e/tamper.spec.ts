import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, type Page, test } from '@playwright/test';
import { detectOnCamera, menu } from '../helpers/app';
import { repoRoot } from '../helpers/fixtures';

/** The workbench command on a file, as an analyst would run it on a backup they were handed. */
async function verify(path: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [join(repoRoot, 'bin/workbench.js'), 'verify', path], { cwd: repoRoot });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** Changes the default project's database behind the app's back, as someone with the browser profile could. */
async function tamperDb(page: Page, change: 'relabel' | 'drop-last-entry'): Promise<void> {
  await page.evaluate(async (what) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('recognition-workbench');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const store = what === 'relabel' ? 'annotations' : 'audit';
    const tx = db.transaction(store, 'readwrite');
    const all = await new Promise<{ label: string; seq: number }[]>((resolve) => {
      const request = tx.objectStore(store).getAll();
      request.onsuccess = () => resolve(request.result as { label: string; seq: number }[]);
    });
    if (what === 'relabel') tx.objectStore(store).put({ ...all.find((a) => a.label === 'person')!, label: 'car' });
    else tx.objectStore(store).delete(all.at(-1)!.seq);
    await new Promise((resolve) => (tx.oncomplete = resolve));
    db.close();
  }, change);
}

test('a backup made through the app verifies offline with its signatures; a changed byte is named; storage edits show in the audit status', async ({ page }) => {
  await page.goto('/');
  await detectOnCamera(page);
  await page.keyboard.press('Enter'); // suggestions
  const items = page.getByRole('list', { name: 'Annotations' }).getByRole('listitem');
  await expect(items.first()).toContainText('suggested');
  await page.keyboard.press('Enter'); // accept the first
  await expect(items.first()).toContainText('accepted');
  const status = page.getByTestId('audit-status');
  await expect(status).toHaveText('Audit log: 2 entries, hash chain verified');
  await expect(page.getByTestId('audit-signatures')).toHaveText(/^Signatures: 2 of 2 entries signed \(analyst, key [0-9a-f]{8}\)$/);
  // The analyst's private key stays in this browser: IndexedDB holds it, nobody can export it.
  const key = await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve) => {
      const open = indexedDB.open('recognition-workbench-keys');
      open.onsuccess = () => resolve(open.result);
    });
    const stored = await new Promise<{ privateKey: CryptoKey }>((resolve) => {
      const request = db.transaction('keys').objectStore('keys').get('human:analyst');
      request.onsuccess = () => resolve(request.result as { privateKey: CryptoKey });
    });
    db.close();
    const exported = await crypto.subtle.exportKey('pkcs8', stored.privateKey).then(() => 'exported', (e: Error) => e.name);
    return { extractable: stored.privateKey.extractable, algorithm: (stored.privateKey.algorithm as EcKeyAlgorithm).namedCurve, exported };
  });
  expect(key).toEqual({ extractable: false, algorithm: 'P-256', exported: 'InvalidAccessError' });

  const download = page.waitForEvent('download');
  await menu(page, 'Project', 'Back up…');
  await page.getByRole('dialog', { name: 'Back up project' }).getByRole('button', { name: 'Back up', exact: true }).click();
  const path = await (await download).path();
  const ok = await verify(path);
  expect(ok.stderr).toBe('');
  expect(ok.code).toBe(0);
  expect(ok.stdout).toMatch(/^verified: 2 images, 2 audit entries, head [0-9a-f]{64}\nsigned: 2 of 2 entries, every signature valid; keys: human:analyst \(key [0-9a-f]{16}\)\n$/);

  const bytes = readFileSync(path);
  const png = bytes.indexOf(Buffer.from([0x89, 0x50, 0x4e, 0x47]), bytes.indexOf(Buffer.from('images/')));
  bytes[png + 500]! ^= 0x01;
  const changed = `${path}.changed.zip`;
  writeFileSync(changed, bytes);
  const broken = await verify(changed);
  expect(broken.code).toBe(1);
  expect(broken.stdout).toBe('');
  expect(broken.stderr).toMatch(/^workbench: .*\.changed\.zip: images\/[0-9a-f]{64}: damaged: its CRC-32 does not match\n$/);

  // An annotation relabelled in IndexedDB: the chain still verifies, the replay does not.
  await tamperDb(page, 'relabel');
  await page.reload();
  await page.getByRole('button', { name: /camera\.png/ }).click();
  await expect(status).toContainText('Audit log: 2 entries, annotations DIFFER from the log: annotation');
  await expect(status).toContainText('in label: "car" where the log says "person"');

  // The last entry deleted: the recorded head shows it.
  await tamperDb(page, 'drop-last-entry');
  await page.reload();
  await page.getByRole('button', { name: /camera\.png/ }).click();
  await expect(status).toContainText('Audit log: 1 entries, log CUT SHORT: the log ends at entry 1, but 2 entries were recorded');
});
