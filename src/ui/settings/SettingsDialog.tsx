import { useState } from 'react';
import { DEFAULT_ZIP_LIMITS, RATIO_FLOOR, type ZipLimits } from '../../domain/dataset/safe-zip';
import { describeZipLimits } from '../../domain/dataset/zip-limits';
import { useZipLimits } from '../../state/zip-limits';
import { Modal } from '../common/Modal';
import './settings.css';

const MiB = 1024 * 1024;

/**
 * Settings of this browser that are not about one project, one section each (today: the zip limits). Save keeps
 * every section's fields; a field that does not parse is named and nothing is kept.
 */
export function SettingsDialog({ onClose }: { onClose(): void }) {
  const { limits, setLimits, reset } = useZipLimits();
  const [fields, setFields] = useState({ entry: String(limits.entryBytes / MiB), total: String(limits.totalBytes / MiB), ratio: String(limits.ratio) });
  const [problem, setProblem] = useState<string | null>(null);

  const save = () => {
    const entry = Number(fields.entry);
    const total = Number(fields.total);
    const ratio = Number(fields.ratio);
    if (![entry, total, ratio].every((v) => Number.isFinite(v) && v >= 1)) {
      setProblem('Each zip limit is a number of at least 1.');
      return;
    }
    const next: ZipLimits = { entryBytes: Math.round(entry * MiB), totalBytes: Math.round(total * MiB), ratio };
    setLimits(next);
    onClose();
  };
  const field = (key: keyof typeof fields, label: string) => (
    <label>
      {label} <input inputMode="decimal" value={fields[key]} onChange={(e) => setFields({ ...fields, [key]: e.target.value })} size={8} />
    </label>
  );

  return (
    <Modal
      title="Settings"
      className="settings-dialog"
      onClose={onClose}
      footer={
        <>
          {problem && (
            <p className="error footer-status" role="alert">
              {problem}
            </p>
          )}
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="primary" onClick={save}>
            Save
          </button>
        </>
      }
    >
      <section className="settings-section" aria-labelledby="settings-zip">
        <h3 id="settings-zip">Zip limits</h3>
        <p className="hint">
          Dataset zips and project backups are checked before anything in them is inflated. Files outside a set&apos;s layout are skipped unread.
          Defaults: {describeZipLimits(DEFAULT_ZIP_LIMITS)} (the ratio is checked on files over {RATIO_FLOOR / MiB} MiB). Raise them only for files
          you trust.
        </p>
        <div className="settings-fields">
          {field('entry', 'Largest file (MiB)')}
          {field('total', 'Largest archive, inflated (MiB)')}
          {field('ratio', 'Largest compression ratio (:1)')}
        </div>
        <button
          type="button"
          onClick={() => {
            reset();
            onClose();
          }}
        >
          Back to the defaults
        </button>
      </section>
    </Modal>
  );
}
