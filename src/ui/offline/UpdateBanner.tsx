export function UpdateBanner({ onReload, onLater }: { onReload(): void; onLater(): void }) {
  return (
    <div className="update-banner" role="status" aria-label="Update available">
      A new version of the workbench is ready. Your images and results are already saved.
      <button type="button" onClick={onReload}>
        Reload now
      </button>
      <button type="button" onClick={onLater}>
        Later
      </button>
    </div>
  );
}
