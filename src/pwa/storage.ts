// Persistent storage: without it the browser may evict the images, results and the offline cache under
// storage pressure.

let request: Promise<boolean | null> | null = null;

/** Asks once per page load; null where the browser has no Storage API. */
export function requestPersistence(): Promise<boolean | null> {
  request ??= (async () => {
    if (!navigator.storage?.persist) return null;
    if (await navigator.storage.persisted()) return true;
    return navigator.storage.persist();
  })().catch(() => null);
  return request;
}

export async function storageEstimate(): Promise<{ usage: number; quota: number } | null> {
  if (!navigator.storage?.estimate) return null;
  const { usage, quota } = await navigator.storage.estimate();
  return usage === undefined || quota === undefined ? null : { usage, quota };
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value < 10 && unit > 0 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}
