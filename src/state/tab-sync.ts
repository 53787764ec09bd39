// Tabs on one project hear each other's events over a BroadcastChannel: annotation changes (with the image's summary
// and review status), images added, updated and deleted, and model results stored. Each is written once, by the tab
// that made it, in its own transaction; the others publish it in their own project context with origin 'other-tab',
// so their stores show it as they show their own (see project-context). What a tab shows of the image it has open is
// read again, so its next edit starts from what is stored (an edit made on what another tab already changed is
// refused: see StaleChangeError).
import { databaseName, on, type ProjectEvent, publish } from './project-context';

type Shared = Extract<ProjectEvent, { origin: unknown }>;
type TabMessage = { database: string; event: Shared };

const CHANNEL = 'recognition-workbench';
const SHARED: readonly Shared['type'][] = ['change-committed', 'images-added', 'images-updated', 'images-deleted', 'results-stored'];

/** Starts telling other tabs of this page's events and publishing theirs here; returns what stops it. */
export function startTabSync(): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => undefined;
  const channel = new BroadcastChannel(CHANNEL);
  const stops = SHARED.map((type) =>
    on(type, async (event: Shared) => {
      if (event.origin === 'this-tab') channel.postMessage({ database: await databaseName(), event } satisfies TabMessage);
    }),
  );
  channel.onmessage = async ({ data }: MessageEvent<TabMessage>) => {
    if (data.database === (await databaseName())) await publish({ ...data.event, origin: 'other-tab' });
  };
  return () => {
    stops.forEach((stop) => stop());
    channel.close();
  };
}
