import { useRef, useState } from 'react';
import { ALGORITHM_NAMES, describeList, HASH_ALGORITHMS } from '../../domain/evidence/hash-list';
import { useHashLists } from '../../state/hash-lists';
import { Modal } from '../common/Modal';
import './evidence.css';

const MB = 1024 * 1024;

/** Loads known-file hash lists (one hash per line, md5sum output, or a CSV with a hash column) and lists those loaded. */
export function HashListDialog({ onClose }: { onClose(): void }) {
  const { lists, loading, lastLoad, error, importList, cancelImport, removeList } = useHashLists();
  const [name, setName] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const input = useRef<HTMLInputElement>(null);

  const load = async () => {
    if (!file) return;
    await importList(file, name);
    setFile(null);
    setName('');
    if (input.current) input.current.value = '';
  };

  return (
    <Modal
      title="Hash lists"
      className="evidence-dialog"
      onClose={onClose}
      footer={
        <button type="button" onClick={onClose}>
          Close
        </button>
      }
    >
      <p className="hint">
        One MD5, SHA-1 or SHA-256 per line (recognised by length; a file name after it, as md5sum writes, is fine), or a CSV whose header names
        a hash column (MD5, SHA-1, SHA-256 or Hash). Images whose hash is in a list are flagged with its name and recorded in the audit log.
      </p>
      <fieldset>
        <legend>Load a list</legend>
        <label>
          File <input ref={input} type="file" aria-label="Hash list file" accept=".txt,.csv,.tsv,.md5,.sha1,.sha256,text/*" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </label>
        <label>
          Name <input aria-label="List name" value={name} placeholder={file?.name.replace(/\.[^.]+$/, '') ?? 'e.g. known set 2024'} onChange={(e) => setName(e.target.value)} />
        </label>
        <button type="button" disabled={!file || loading !== null} onClick={() => void load()}>
          Load list
        </button>
      </fieldset>
      {loading && (
        <p role="status">
          {loading.finishing ? `Sorting ${loading.lines.toLocaleString('en')} lines of ${loading.name}…` : `Reading ${loading.name}: ${loading.lines.toLocaleString('en')} lines, ${(loading.bytesRead / MB).toFixed(1)} of ${(loading.bytes / MB).toFixed(1)} MB`}{' '}
          <progress max={loading.bytes} value={loading.bytesRead} />{' '}
          {!loading.finishing && (
            <button type="button" onClick={cancelImport}>
              Cancel
            </button>
          )}
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {lastLoad && (
        <div role="status" data-testid="hash-list-loaded">
          <p>
            Loaded {lastLoad.name}: {lastLoad.summary}. {lastLoad.matched} {lastLoad.matched === 1 ? 'image matches' : 'images match'}.
          </p>
          {lastLoad.problems.length > 0 && (
            <ul className="problems" aria-label="Malformed lines">
              {lastLoad.problems.map((p) => (
                <li key={p.line}>
                  line {p.line}: {p.reason}
                </li>
              ))}
              {lastLoad.problemCount > lastLoad.problems.length && <li>… and {lastLoad.problemCount - lastLoad.problems.length} more</li>}
            </ul>
          )}
        </div>
      )}
      {lists.length > 0 && (
        <table aria-label="Loaded hash lists">
          <thead>
            <tr>
              <th>List</th>
              {HASH_ALGORITHMS.map((a) => (
                <th key={a}>{ALGORITHM_NAMES[a]}</th>
              ))}
              <th>Loaded</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {lists.map((l) => (
              <tr key={l.id} title={`${l.source}: ${describeList(l)}`}>
                <td>{l.name}</td>
                {HASH_ALGORITHMS.map((a) => (
                  <td key={a}>{l.counts[a].toLocaleString('en')}</td>
                ))}
                <td>{new Date(l.loadedAt).toLocaleString()}</td>
                <td>
                  <button type="button" onClick={() => void removeList(l.id)}>
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Modal>
  );
}
