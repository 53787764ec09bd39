import { useEffect, useState } from 'react';
import { formatBytes, requestPersistence, storageEstimate } from '../../pwa/storage';
import { useLibrary } from '../../state/library';
import { useProjects } from '../../state/projects';

/** Storage used, and a warning when the browser refuses persistent storage (asked once images exist). */
export function StorageNotice() {
  const count = useLibrary((s) => s.images.length);
  const project = useProjects((s) => s.current?.id);
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
  }, [count, project]);
  const nearlyFull = estimate !== null && estimate.quota > 0 && estimate.usage / estimate.quota > 0.9;

  return (
    <>
      {estimate && (
        <span className="offline-badge" data-testid="storage-usage">
          Storage: {formatBytes(estimate.usage)} of {formatBytes(estimate.quota)} (all projects)
          {persisted && ' · persistent'}
        </span>
      )}
      {nearlyFull && (
        <p className="warning" role="alert" data-testid="storage-full-warning">
          Browser storage is over 90 % full: new imports may be refused. Back up and delete projects you do not need here.
        </p>
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
