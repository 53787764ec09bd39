import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { settingScope } from '../../src/domain/settings';
import { openWorkbenchDb, readSetting, type WorkbenchDb, writeSetting } from '../../src/storage';

let counter = 0;
const project = (): Promise<WorkbenchDb> => openWorkbenchDb(`settings-test-${process.pid}-${++counter}`);

describe('settings by scope', () => {
  it('names the scope of every key: the device runs the models and signs; the project keeps how it is looked at', () => {
    expect(['analyst', 'backendChoice', 'wasmThreads', 'inferenceWorkers', 'verifiedBackend:coco-centernet'].map((k) => settingScope(k as never))).toEqual(Array(5).fill('device'));
    expect(['rasterStretch', 'tiling', 'relabelWith', 'modelId', 'trainingUnderway', 'countZones', 'scoreThreshold:coco-centernet'].map((k) => settingScope(k as never))).toEqual(Array(7).fill('project'));
  });

  it('keeps a device setting once for every project, and a project setting per project', async () => {
    const [a, b] = [await project(), await project()];
    await writeSetting(a, 'backendChoice', 'wasm');
    await writeSetting(a, 'tiling', { mode: 'tiled', overlap: 0.3, wholeImagePass: false });
    expect(await readSetting(b, 'backendChoice', 'auto')).toBe('wasm');
    expect(await readSetting(b, 'tiling', null)).toBeNull();
    expect(await readSetting(a, 'tiling', null)).toEqual({ mode: 'tiled', overlap: 0.3, wholeImagePass: false });
    expect(await a.get('settings', 'backendChoice')).toBeUndefined(); // not in the project's own store
    a.close();
    b.close();
  });

  it("takes over a device setting a project kept before settings had scopes, for every project from then on", async () => {
    const [old, other] = [await project(), await project()];
    // As the workbench wrote it before: inside the project's database.
    await old.put('settings', { backend: 'wasm', device: 'cpu' }, 'verifiedBackend:face-blazeface');
    expect(await readSetting(other, 'verifiedBackend:face-blazeface', undefined)).toBeUndefined();
    expect(await readSetting(old, 'verifiedBackend:face-blazeface', undefined)).toEqual({ backend: 'wasm', device: 'cpu' });
    expect(await readSetting(other, 'verifiedBackend:face-blazeface', undefined)).toEqual({ backend: 'wasm', device: 'cpu' });
    // Written again, the device's value is the one read, whatever the old project still holds.
    await writeSetting(other, 'verifiedBackend:face-blazeface', { backend: 'cpu', device: 'cpu' });
    expect(await readSetting(old, 'verifiedBackend:face-blazeface', undefined)).toEqual({ backend: 'cpu', device: 'cpu' });
    old.close();
    other.close();
  });
});
