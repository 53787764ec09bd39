// Every setting the workbench keeps, by key, with its scope: a device setting belongs to this browser (which backend
// runs here, how many threads, who the analyst at this machine is) and holds for every project; a project setting
// belongs to the project (stretch, tiling, thresholds, model, labeller, zones) and travels with it.

/** Keys of settings kept per device, in one place for every project. */
export const DEVICE_SETTINGS = ['analyst', 'backendChoice', 'wasmThreads', 'inferenceWorkers'] as const;
/** Per model: the backend a probe run verified on this device (its answer checked against the reference). */
export const VERIFIED_BACKEND_PREFIX = 'verifiedBackend:';

/** Keys of settings kept per project. */
export const PROJECT_SETTINGS = ['rasterStretch', 'tiling', 'relabelWith', 'modelId', 'trainingUnderway', 'countZones'] as const;
/** Per model: the Min score a person picked. */
export const THRESHOLD_PREFIX = 'scoreThreshold:';

export type DeviceSettingKey = (typeof DEVICE_SETTINGS)[number] | `${typeof VERIFIED_BACKEND_PREFIX}${string}`;
export type ProjectSettingKey = (typeof PROJECT_SETTINGS)[number] | `${typeof THRESHOLD_PREFIX}${string}`;
/** A key nothing outside this list may be read or written under: a typo fails the build, not a user's setting. */
export type SettingKey = DeviceSettingKey | ProjectSettingKey;

export type SettingScope = 'device' | 'project';

export const isDeviceSetting = (key: SettingKey): key is DeviceSettingKey => (DEVICE_SETTINGS as readonly string[]).includes(key) || key.startsWith(VERIFIED_BACKEND_PREFIX);

export const settingScope = (key: SettingKey): SettingScope => (isDeviceSetting(key) ? 'device' : 'project');
