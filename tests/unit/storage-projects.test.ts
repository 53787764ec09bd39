import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DB_NAME, newProject } from '../../src/domain/project';
import { addImage, deleteProject, lastOpenProject, listImages, listProjects, openWorkbenchDb, rememberOpenProject, saveProject } from '../../src/storage';

const databaseNames = async () => (await indexedDB.databases()).map((d) => d.name);

describe('the list of projects', () => {
  it('always has the default project on the pre-projects database, remembers the last one open, and deletes a project with its database', async () => {
    const first = await listProjects();
    expect(first).toEqual([expect.objectContaining({ id: 'default', name: 'Default project', dbName: DEFAULT_DB_NAME })]);
    expect(await lastOpenProject()).toBe('default');

    const flight = newProject('Flight 12', 'f12', '2026-01-01T00:00:00.000Z');
    await saveProject(flight);
    const db = await openWorkbenchDb(flight.dbName);
    const record = { sha256: 'a'.repeat(64), fileName: 'a.png', type: 'image/png', width: 1, height: 1, bytes: 1, importedAt: '2026-01-01' };
    await addImage(db, { record, blob: new Blob(['a']), thumbnail: new Blob(['t']) });
    db.close();
    await rememberOpenProject('f12');
    expect(await lastOpenProject()).toBe('f12');
    expect((await listProjects()).map((p) => p.name).sort()).toEqual(['Default project', 'Flight 12']);
    expect(await databaseNames()).toContain('recognition-workbench:f12');

    await saveProject({ ...flight, name: 'Flight 12 north' });
    expect((await listProjects()).find((p) => p.id === 'f12')!.name).toBe('Flight 12 north');

    await deleteProject(flight);
    expect((await listProjects()).map((p) => p.id)).toEqual(['default']);
    expect(await databaseNames()).not.toContain('recognition-workbench:f12');
    const reopened = await openWorkbenchDb(flight.dbName); // a new, empty database: nothing of the old one is left
    expect(await listImages(reopened)).toEqual([]);
    reopened.close();
  });
});
