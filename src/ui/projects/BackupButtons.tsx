import { useRef, useState } from 'react';
import { useBackup } from '../../state/projects-backup';
import { download } from '../common/download';

/** Back up the open project as one zip; restore a backup as a new project. */
export function BackupButtons() {
  const { working, message, error, backup, restore, dismiss } = useBackup();
  const [withImages, setWithImages] = useState(true);
  const input = useRef<HTMLInputElement>(null);

  return (
    <>
      <button
        type="button"
        disabled={working !== null}
        onClick={() => void backup(withImages).then((made) => made && download(made.bundle, made.fileName))}
      >
        Back up…
      </button>
      <label title="Leave out the original images for a small backup of the annotations and results">
        <input type="checkbox" checked={withImages} onChange={(e) => setWithImages(e.target.checked)} /> with images
      </label>
      <button type="button" disabled={working !== null} onClick={() => input.current?.click()}>
        Restore backup…
      </button>
      <input
        ref={input}
        type="file"
        accept=".zip,application/zip"
        data-testid="restore-input"
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          e.currentTarget.value = '';
          if (file) void restore(file);
        }}
      />
      {working && <span role="status">{working}</span>}
      {(message || error) && (
        <span role={error ? 'alert' : 'status'} className={error ? 'error' : 'backup-message'} data-testid="backup-message">
          {error ?? message}{' '}
          <button type="button" className="link" onClick={dismiss}>
            OK
          </button>
        </span>
      )}
    </>
  );
}
