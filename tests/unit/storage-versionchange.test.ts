import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { onConnectionClosed, openWorkbenchDb, SCHEMA_VERSION } from '../../src/storage';

/** What a newer workbench in another tab does first: open the database at a higher version. */
function openNewer(name: string): Promise<'opened' | 'blocked'> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name, SCHEMA_VERSION + 1);
    request.onblocked = () => resolve('blocked');
    request.onsuccess = () => {
      request.result.close();
      resolve('opened');
    };
    request.onerror = () => reject(request.error);
  });
}

describe("another tab's upgrade", () => {
  it('closes this connection and says why, so the upgrade goes through instead of waiting', async () => {
    const name = `versionchange-test-${process.pid}`;
    const db = await openWorkbenchDb(name);
    const heard: string[] = [];
    const stop = onConnectionClosed((closed, reason) => heard.push(`${closed}: ${reason}`));
    expect(await openNewer(name)).toBe('opened');
    stop();
    expect(heard).toEqual([`${name}: Another tab opened this project with a newer version of the workbench (database version ${SCHEMA_VERSION + 1}), so this tab closed it. Reload this tab to go on working; everything saved is kept.`]);
    expect(() => db.transaction('settings')).toThrow(); // closed
    // This (older) version cannot open it again, and says what to do.
    await expect(openWorkbenchDb(name)).rejects.toThrow('this project was opened by a newer version of the workbench (in another tab?): reload this tab to use it');
  });
});
