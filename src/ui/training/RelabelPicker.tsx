import type { ModelManifest } from '../../domain/model-manifest';
import { useDetection } from '../../state/detection';

const optionName = (m: ModelManifest) => `${m.name}${m.library ? ` · v${m.library.versionNumber}` : ''}`;

/** With a detector selected: a box labeller from the library to run after it, as one pipeline. */
export function RelabelPicker() {
  const { model, models, relabelWith, setRelabel, phase } = useDetection();
  const labellers = models.filter((m) => m.task === 'classify' && m.library);
  if (model?.task !== 'detect' || labellers.length === 0) return null;
  return (
    <label className="relabel-picker" title="A classifier from the model library (a box labeller you trained) gives each box the detector finds its label">
      Relabel boxes with{' '}
      <select value={relabelWith ?? ''} disabled={phase === 'starting'} onChange={(e) => void setRelabel(e.target.value || null)}>
        <option value="">— none —</option>
        {labellers.map((m) => (
          <option key={m.id} value={m.id}>
            {optionName(m)}
          </option>
        ))}
      </select>
    </label>
  );
}
