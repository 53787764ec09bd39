import { useEffect, useRef, useState } from 'react';
import { familyName } from '../../domain/model-import/library';
import { useDetection } from '../../state/detection';
import { addingAs, useModelLibrary } from '../../state/model-library';
import { Modal } from '../common/Modal';
import { filesFromDrop, withoutHiddenFiles } from '../importer/collect-files';
import { ManifestForm } from './ManifestForm';
import { TryPanel } from './TryPanel';

const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

/**
 * Add model…: pick or drop a folder, files or a zip (model.json + shards + metadata), see what the workbench made of
 * them, correct it, try it on the current image, and add it to the model library.
 */
export function AddModelDialog({ onClose }: { onClose(message?: string): void }) {
  const { draft, reading, error, problems, saving, open, save, discard } = useModelLibrary();
  const folderInput = useRef<HTMLInputElement>(null);
  const filesInput = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  useEffect(() => () => void useModelLibrary.getState().discard(), []);

  const chosen = (input: HTMLInputElement) => {
    const files = withoutHiddenFiles(Array.from(input.files ?? []));
    input.value = '';
    if (files.length > 0) void open(files);
  };
  const close = (message?: string) => {
    void discard();
    onClose(message);
  };

  return (
    <Modal
      title="Add model"
      className="model-dialog"
      onClose={() => close()}
      footer={
        <>
          <button type="button" onClick={() => close()}>
            Close
          </button>
          <button type="button" className="primary" disabled={!draft || problems.length > 0 || saving} onClick={() => void save().then((message) => message && onClose(message))}>
            {saving ? 'Adding…' : 'Add to library'}
          </button>
        </>
      }
    >
      {/* Files dropped anywhere on the dialog are a model, not images for the project behind it. */}
      <div
        onDragOver={(e) => {
          e.preventDefault();
          e.stopPropagation();
          setOver(true);
        }}
        onDragLeave={(e) => e.currentTarget === e.target && setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          e.stopPropagation();
          setOver(false);
          void filesFromDrop(e.dataTransfer).then((files) => open(withoutHiddenFiles(files)));
        }}
      >
        <div className={`model-drop${over ? ' over' : ''}`}>
          <p className="hint">
            A TF.js model: model.json with its .bin weight files, and what came with it (ultralytics metadata.yaml, Teachable Machine metadata.json, labels.txt), or a .zip of them. Drop it here or choose:
          </p>
          <button type="button" onClick={() => folderInput.current?.click()}>
            Choose folder…
          </button>{' '}
          <button type="button" onClick={() => filesInput.current?.click()}>
            Choose files or zip…
          </button>
          <input ref={folderInput} type="file" multiple hidden data-testid="model-folder-input" {...{ webkitdirectory: '' }} onChange={(e) => chosen(e.currentTarget)} />
          <input ref={filesInput} type="file" multiple hidden accept=".json,.bin,.yaml,.yml,.txt,.zip" data-testid="model-files-input" onChange={(e) => chosen(e.currentTarget)} />
        </div>
        {reading && <p role="status">Reading the files and running the model once…</p>}
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        {draft && (
          <>
            <p className="recognised" data-testid="recognised-as">
              {draft.proposal.recognisedAs} · from {draft.origin} · {megabytes(draft.bytes)}
            </p>
            <details>
              <summary>Why these settings</summary>
              <ul className="hint">
                {draft.proposal.notes.map((n) => (
                  <li key={n}>{n}</li>
                ))}
              </ul>
            </details>
            <ManifestForm key={draft.draftId} outputs={draft.proposal.outputs} />
            <AddingAs />
            {problems.length > 0 && (
              <div className="error" role="alert" aria-label="Problems">
                <ul>
                  {problems.map((p) => (
                    <li key={p}>{p}</li>
                  ))}
                </ul>
              </div>
            )}
            <TryPanel />
          </>
        )}
      </div>
    </Modal>
  );
}

/** Says, before adding, whether this is a new model or the next version of one in the library. */
function AddingAs() {
  const { manifest, name } = useModelLibrary();
  const models = useDetection((s) => s.models);
  if (!manifest) return null;
  const slot = addingAs(name || manifest.name, manifest);
  const family = familyName(models.filter((m) => m.library), slot.family);
  return (
    <p className="hint" data-testid="adding-as">
      {slot.existing ? `Will be added as version ${slot.versionNumber} of ${family}: its results stay apart from the earlier versions'.` : `Will be added as a new model (${slot.family}-v${slot.versionNumber}).`}
    </p>
  );
}
