// What Cache Storage holds for offline use: every file of every bundled model, as listed by
// models/index.json and each model's manifest.json (both precached by the service worker).
import { parseManifest } from '../domain/model-manifest';
import { REFILL_PRECACHE } from './messages';

export interface ModelOfflineState {
  id: string;
  name: string;
  /** Files of the model folder that are not in the cache (manifest.json, model.json, weights). */
  missing: string[];
}

export type OfflineModels =
  /** No service worker here (`vite` dev, a browser without one): nothing is kept for offline use. */
  | { kind: 'unsupported' }
  /** The service worker is still installing: the precache is being filled. */
  | { kind: 'installing' }
  /** models/index.json is neither cached nor reachable. */
  | { kind: 'no-index' }
  | { kind: 'checked'; indexCached: boolean; models: ModelOfflineState[] };

const url = (path: string) => new URL(path, new URL(import.meta.env.BASE_URL, location.origin)).href;

// Workbox keys files whose name has no content hash with a ?__WB_REVISION__= parameter.
const cached = (path: string) => caches.match(url(path), { ignoreSearch: true });

/** From the cache, else from the network (online with an incomplete cache); null when neither has it. */
async function readJson(path: string): Promise<{ json: unknown; inCache: boolean } | null> {
  const hit = await cached(path);
  if (hit) return { json: await hit.json(), inCache: true };
  try {
    const response = await fetch(url(path));
    return response.ok ? { json: await response.json(), inCache: false } : null;
  } catch {
    return null;
  }
}

async function checkModel(id: string): Promise<ModelOfflineState> {
  const dir = `models/${id}`;
  const read = await readJson(`${dir}/manifest.json`);
  if (!read) return { id, name: id, missing: ['manifest.json'] };
  const manifest = parseManifest(read.json, `${dir}/manifest.json`);
  const absent = await Promise.all(manifest.files.map(async (f) => ((await cached(`${dir}/${f.path}`)) ? null : f.path)));
  const missing = [...(read.inCache ? [] : ['manifest.json']), ...absent.filter((p): p is string => p !== null)];
  return { id, name: manifest.name, missing };
}

export async function checkOfflineModels(): Promise<OfflineModels> {
  // `vite` dev registers no service worker; a build registers one as it starts.
  if (import.meta.env.DEV || !('caches' in window) || !('serviceWorker' in navigator)) return { kind: 'unsupported' };
  const registration = await navigator.serviceWorker.getRegistration();
  if (!registration?.active) return { kind: 'installing' };
  const index = await readJson('models/index.json');
  if (!index) return { kind: 'no-index' };
  const { models } = index.json as { models: string[] };
  return { kind: 'checked', indexCached: index.inCache, models: await Promise.all(models.map(checkModel)) };
}

export const hasMissing = (state: OfflineModels) =>
  state.kind === 'checked' && (!state.indexCached || state.models.some((m) => m.missing.length > 0));

/** Asks the service worker to fetch missing precached files again (online); resolves when it has tried. */
export async function refillPrecache(): Promise<void> {
  const worker = (await navigator.serviceWorker.getRegistration())?.active;
  if (!worker) return;
  const channel = new MessageChannel();
  const answered = new Promise((resolve) => (channel.port1.onmessage = resolve));
  worker.postMessage({ type: REFILL_PRECACHE }, [channel.port2]);
  await answered;
  channel.port1.close();
}

export function notOfflineMessage(model: ModelOfflineState): string {
  const files = model.missing.join(', ');
  return (
    `Model ${model.name} is not available offline (${model.missing.length === 1 ? 'file' : 'files'} ${files} ` +
    `missing from the cache); it will be fetched on your next online visit.`
  );
}
