import { useEffect, useRef, useState } from 'react';
import { DATASET_FORMATS, type DatasetFormat } from '../../domain/dataset/model';
import { useDatasets } from '../../state/dataset';
import { FORMAT_NAMES } from './ExportDialog';
import { Modal } from '../common/Modal';
import './dataset.css';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Choose a set (a zip, or COCO .json / VOC .xml / YOLO .txt + data.yaml / .csv files), see what it would do, then import it. */
export function ImportDialog({ onClose }: { onClose(): void }) {
  const input = useRef<HTMLInputElement>(null);
  const { preview, problems, importing, importSummary } = useDatasets();
  const [format, setFormat] = useState<DatasetFormat | 'auto'>('auto');
  const [files, setFiles] = useState<File[]>([]);
  useEffect(() => () => useDatasets.getState().resetImport(), []);

  const choose = (chosen: File[], as: DatasetFormat | 'auto') => {
    setFiles(chosen);
    if (chosen.length) void useDatasets.getState().planImport(chosen, as);
  };

  return (
    <Modal
      title="Import dataset"
      className="dataset-dialog"
      onClose={onClose}
      footer={
        <>
          <div className="footer-status">{importSummary && <p role="status">{importSummary}</p>}</div>
          <button type="button" onClick={onClose}>
            Close
          </button>
          <button type="button" className="primary" disabled={!preview || importing} onClick={() => void useDatasets.getState().commitImport()}>
            {importing ? 'Importing…' : 'Import'}
          </button>
        </>
      }
    >
      <div className="import-choose">
        <select aria-label="Format" value={format} onChange={(e) => (setFormat(e.target.value as DatasetFormat | 'auto'), choose(files, e.target.value as DatasetFormat | 'auto'))}>
          <option value="auto">Format: detect</option>
          {DATASET_FORMATS.map((f) => (
            <option key={f} value={f}>
              {FORMAT_NAMES[f]}
            </option>
          ))}
        </select>
        <button type="button" onClick={() => input.current?.click()}>
          Choose files…
        </button>
        <input
          ref={input}
          type="file"
          multiple
          hidden
          accept=".zip,.json,.xml,.txt,.yaml,.yml,.csv,image/*"
          onChange={(e) => {
            choose([...(e.target.files ?? [])], format);
            e.target.value = '';
          }}
        />
        {files.length > 0 && <span className="hint">{files.map((f) => f.name).join(', ')}</span>}
      </div>
      {preview && (
        <div className="import-preview" aria-label="Dry run">
          <p>
            Dry run ({FORMAT_NAMES[preview.format]}): {plural(preview.annotations, 'annotation')}; {plural(preview.matched, 'image')} matched in the project
            {preview.fromSet > 0 ? `, ${plural(preview.fromSet, 'image')} to import from the set` : ''}
            {preview.unmatched.length > 0 ? `, ${preview.unmatched.length} unmatched without annotations (skipped): ${preview.unmatched.join(', ')}` : ''}.
          </p>
          <p>{preview.newLabels.length ? `Labels new to the project: ${preview.newLabels.join(', ')}` : 'No labels new to the project.'}</p>
        </div>
      )}
      {problems.length > 0 && (
        <div className="error" role="alert">
          <p>Nothing will be imported from this set:</p>
          <ul>
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      )}
    </Modal>
  );
}
