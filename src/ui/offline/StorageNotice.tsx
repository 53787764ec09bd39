import { useEffect, useState } from 'react';
import { formatBytes, requestPersistence, storageEstimate } from '../../pwa/storage';
import { useLibrary } from '../../state/library';

/** Storage used, and a warning when the browser refuses persistent storage (asked once images exist). */
export function StorageNotice() {
  const count = useLibrary((s) => s.images.length);
  const [persisted, setPersisted] = useState<boolean | null>(null);
  const [estimate, setEstimate] = useState<{ usage: number; quota: number } | null>(null);
  const hasImages = count > 0;

  useEffect(() => {
    if (!hasImages) return;
    let live = true;
    void requestPersistence().then((granted) => live && setPersisted(granted));
    return () => {
      live = false;
    };
  }, [hasImages]);

  useEffect(() => {
    let live = true;
    void storageEstimate().then((e) => live && setEstimate(e), () => undefined);
    return () => {
      live = false;
    };
  }, [count]);

  return (
    <>
      {estimate && (
        <span className="offline-badge" data-testid="storage-usage">
          Storage: {formatBytes(estimate.usage)} of {formatBytes(estimate.quota)}
          {persisted && ' · persistent'}
        </span>
      )}
      {persisted === false && (
        <p className="warning" data-testid="storage-warning">
          The browser did not grant persistent storage: it may clear the images, results and offline copy when the
          disk runs low. Keep your original files.
        </p>
      )}
    </>
  );
}
