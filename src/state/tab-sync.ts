// Tabs on one project hear each other's committed changes over a BroadcastChannel: an annotation change (with its
// image's summary and review status) and new images. Each change is written once, by the tab that made it, in its
// own transaction; the others only show it. What a tab shows of the image it has open is read again, so its next edit
// starts from what is stored (an edit made on what another tab already changed is refused: see StaleChangeError).
import { announceFromOtherTab, onChangeWritten, type WrittenChange } from '../storage';
import { useGallery } from './gallery';
import { onImported, useLibrary } from './library';
import { useReview } from './review';
import { databaseName } from './services';

type TabMessage = { type: 'change'; written: WrittenChange } | { type: 'images'; database: string };

const CHANNEL = 'recognition-workbench';

/** Starts telling other tabs of this page's changes and showing theirs; returns what stops it. */
export function startTabSync(): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => undefined;
  const channel = new BroadcastChannel(CHANNEL);
  const post = (message: TabMessage) => channel.postMessage(message);
  let auditCheck: Promise<void> | undefined;

  const stopChanges = onChangeWritten((written, origin) => {
    if (origin === 'this-tab') post({ type: 'change', written });
    else void showOtherTabsChange(written);
  });
  const stopImports = onImported(async () => post({ type: 'images', database: await databaseName() }));
  channel.onmessage = async ({ data }: MessageEvent<TabMessage>) => {
    const current = await databaseName();
    if (data.type === 'change' && data.written.database === current) announceFromOtherTab(data.written);
    if (data.type === 'images' && data.database === current) await Promise.all([useLibrary.getState().load(), useGallery.getState().load()]);
  };

  async function showOtherTabsChange(written: WrittenChange): Promise<void> {
    const review = useReview.getState();
    if (review.imageSha256 === written.change.imageSha256) await review.load(written.change.imageSha256);
    // The log grew by another tab's entry: check it again (once for a burst of changes).
    auditCheck ??= Promise.resolve()
      .then(() => useReview.getState().checkAudit())
      .finally(() => (auditCheck = undefined));
  }

  return () => {
    stopChanges();
    stopImports();
    channel.close();
  };
}
