import { useState } from 'react';
import { formatBytes } from '../../pwa/storage';
import { useLibrary } from '../../state/library';
import { useProjects } from '../../state/projects';
import { useBackup } from '../../state/projects-backup';
import { download } from '../../platform/download';
import { Modal } from '../common/Modal';

/** Back up the open project as one zip, with or without the original images. */
export function BackupDialog({ onClose }: { onClose(): void }) {
  const name = useProjects((s) => s.current?.name ?? 'project');
  const images = useLibrary((s) => s.images);
  const working = useBackup((s) => s.working);
  const [withImages, setWithImages] = useState(true);
  const bytes = images.reduce((sum, i) => sum + i.bytes, 0);
  const run = async () => {
    const made = await useBackup.getState().backup(withImages);
    if (made) download(made.bundle, made.fileName);
    onClose(); // the outcome (or why not) is said in a message
  };
  return (
    <Modal
      title="Back up project"
      className="confirm-dialog"
      onClose={onClose}
      footer={
        <>
          {working && (
            <span role="status" className="footer-status">
              {working}
            </span>
          )}
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="primary" disabled={working !== null} onClick={() => void run()}>
            Back up
          </button>
        </>
      }
    >
      <p>
        One zip of “{name}”: its annotations, results, label set, audit log and the analysts' public keys, every file listed with its SHA-256. <em>Restore backup…</em>{' '}
        checks all of it before it writes anything.
      </p>
      <label>
        <input type="checkbox" checked={withImages} onChange={(e) => setWithImages(e.target.checked)} /> Include the original images ({images.length}{' '}
        {images.length === 1 ? 'image' : 'images'}, {formatBytes(bytes)})
      </label>
    </Modal>
  );
}
