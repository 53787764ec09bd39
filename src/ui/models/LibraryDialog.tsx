import { useMemo, useState } from 'react';
import type { ModelManifest } from '../../domain/model-manifest';
import { useDetection } from '../../state/detection';
import { useModelLibrary } from '../../state/model-library';
import { Modal } from '../common/Modal';

const megabytes = (m: ModelManifest) => `${(m.files.reduce((n, f) => n + f.bytes, 0) / 1e6).toFixed(1)} MB`;

function Row({ model }: { model: ModelManifest }) {
  const { rename, remove, exportZip } = useModelLibrary();
  const [name, setName] = useState<string | null>(null);
  const library = model.library!;
  return (
    <tr aria-label={`${model.name} version ${library.versionNumber}`}>
      <td>
        {name === null ? (
          model.name
        ) : (
          <input aria-label="New name" value={name} autoFocus onChange={(e) => setName(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && void rename(model, name).then(() => setName(null))} />
        )}
      </td>
      <td>{library.versionNumber}</td>
      <td>{model.task}</td>
      <td>{model.labels.length}</td>
      <td>{megabytes(model)}</td>
      <td className="hash" title={`SHA-256 ${library.sha256}`}>
        {library.sha256.slice(0, 12)}
      </td>
      <td title={library.origin}>{new Date(library.addedAt).toLocaleDateString()}</td>
      <td className="row-buttons">
        {name === null ? (
          <button type="button" onClick={() => setName(model.name)}>
            Rename
          </button>
        ) : (
          <button type="button" onClick={() => void rename(model, name).then(() => setName(null))}>
            Save name
          </button>
        )}
        <button type="button" onClick={() => void exportZip(model)}>
          Export zip
        </button>
        <button type="button" onClick={() => void remove(model)}>
          Remove
        </button>
      </td>
    </tr>
  );
}

/** The models people added: every version, with its identity; rename, export as one zip, remove. */
export function LibraryDialog({ onClose }: { onClose(): void }) {
  const all = useDetection((s) => s.models);
  const models = useMemo(() => all.filter((m) => m.library), [all]);
  const error = useModelLibrary((s) => s.libraryError);
  return (
    <Modal
      title="Model library"
      className="model-dialog"
      onClose={onClose}
      footer={
        <button type="button" onClick={onClose}>
          Close
        </button>
      }
    >
      {models.length === 0 ? (
        <p className="hint">No models added yet: use Add model… to bring an ultralytics, Teachable Machine or other TF.js export.</p>
      ) : (
        <table className="library-table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Version</th>
              <th>Task</th>
              <th>Labels</th>
              <th>Size</th>
              <th>SHA-256</th>
              <th>Added</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {models.map((m) => (
              <Row key={m.id} model={m} />
            ))}
          </tbody>
        </table>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <p className="hint">Models live in this browser (IndexedDB), shared by every project and available offline. Removing one keeps the results it made.</p>
    </Modal>
  );
}
