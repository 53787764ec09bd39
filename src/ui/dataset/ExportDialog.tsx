import { useEffect, useMemo, useState } from 'react';
import { DATASET_FORMATS, type DatasetFormat } from '../../domain/dataset/model';
import { dict } from '../../domain/dict';
import type { ClassMap } from '../../domain/dataset/training';
import { type ExportChoices, useDatasets } from '../../state/dataset';
import { useDetection } from '../../state/detection';
import { useGallery } from '../../state/gallery';
import { useSelection } from '../../state/selection';
import { NO_PRIVACY, type PrivacyChoices } from '../../state/redaction';
import { PrivacyOptions } from '../evidence/PrivacyOptions';
import { ClassMapTable } from './ClassMapTable';
import { download } from '../../platform/download';
import { Modal } from '../common/Modal';
import './dataset.css';

export const FORMAT_NAMES: Record<DatasetFormat, string> = { coco: 'COCO JSON', yolo: 'YOLO', voc: 'Pascal VOC', csv: 'CSV' };

export function ExportDialog({ onClose }: { onClose(): void }) {
  const pickedSet = useSelection((s) => s.picked);
  const picked = pickedSet.size;
  const summaries = useGallery((s) => s.summaries);
  const { exporting, exportStage, exportSummary, exportError } = useDatasets();
  const [privacy, setPrivacy] = useState<PrivacyChoices>(NO_PRIVACY);
  const [labels, setLabels] = useState<string[]>([]);
  const [format, setFormat] = useState<DatasetFormat>('coco');
  const [scope, setScope] = useState<ExportChoices['scope']>(picked > 0 ? 'selection' : 'project');
  const [include, setInclude] = useState<ExportChoices['include']>('reviewed');
  const [minScore, setMinScore] = useState(0.5);
  const [classes, setClasses] = useState<ClassMap>(() => dict());
  const [splitOn, setSplitOn] = useState(false);
  const [split, setSplit] = useState({ train: 0.8, val: 0.1, test: 0.1, seed: 42 });
  const [includeImages, setIncludeImages] = useState(true);
  const classifierId = useDetection((s) => (s.model?.task === 'classify' ? s.model.id : null));
  const tagMinScore = useDetection((s) => s.scoreThreshold);
  const classifier = classifierId ? { name: classifierId, min: tagMinScore } : null;
  const [tags, setTags] = useState(true);
  const [allClasses, setAllClasses] = useState(false);
  // The classes on the chosen images come first; the rest of the label set only on request.
  const present = useMemo(() => {
    const found = new Set<string>();
    for (const [sha256, summary] of summaries) {
      if (scope === 'selection' && !pickedSet.has(sha256)) continue;
      for (const label of Object.keys(summary.labels)) if ((summary.labels[label] ?? 0) > 0) found.add(label);
    }
    return labels.filter((l) => found.has(l)).concat([...found].filter((l) => !labels.includes(l)).sort());
  }, [summaries, scope, pickedSet, labels]);
  const absent = labels.filter((l) => !present.includes(l));

  useEffect(() => {
    void useDatasets.getState().labels().then(setLabels);
  }, []);

  const run = async () => {
    const choices: ExportChoices = { format, scope, include, minScore, classes, split: splitOn ? split : null, includeImages, tags: classifier !== null && tags, privacy };
    const result = await useDatasets.getState().exportZip(choices);
    if (result) download(result.blob, result.fileName);
  };
  const ratio = (key: keyof typeof split, label: string, step: number) => (
    <label>
      {label}{' '}
      <input type="number" min={0} step={step} value={split[key]} onChange={(e) => setSplit({ ...split, [key]: Number(e.target.value) })} />
    </label>
  );

  return (
    <Modal
      title="Export dataset"
      className="dataset-dialog"
      onClose={onClose}
      footer={
        <>
          <div className="footer-status">
            {exportStage && <p role="status">{exportStage}…</p>}
            {exportError && (
              <p className="error" role="alert">
                {exportError}
              </p>
            )}
            {exportSummary && <p role="status">{exportSummary}</p>}
          </div>
          <button type="button" onClick={onClose}>
            Close
          </button>
          <button type="button" className="primary" disabled={exporting} onClick={() => void run()}>
            {exporting ? 'Exporting…' : 'Export zip'}
          </button>
        </>
      }
    >
      <fieldset>
        <legend>Format</legend>
        <select aria-label="Format" value={format} onChange={(e) => setFormat(e.target.value as DatasetFormat)}>
          {DATASET_FORMATS.map((f) => (
            <option key={f} value={f}>
              {FORMAT_NAMES[f]}
            </option>
          ))}
        </select>
      </fieldset>
      <fieldset>
        <legend>Images</legend>
        <label>
          <input type="radio" name="scope" checked={scope === 'project'} onChange={() => setScope('project')} /> Whole project
        </label>
        <label>
          <input type="radio" name="scope" disabled={picked === 0} checked={scope === 'selection'} onChange={() => setScope('selection')} /> Selected images ({picked})
        </label>
        <label>
          <input type="checkbox" checked={includeImages} onChange={(e) => setIncludeImages(e.target.checked)} /> Include the image files
        </label>
      </fieldset>
      <fieldset>
        <legend>Annotations</legend>
        <label>
          <input type="radio" name="include" checked={include === 'reviewed'} onChange={() => setInclude('reviewed')} /> Reviewed only (accepted, edited)
        </label>
        <label>
          <input type="radio" name="include" checked={include === 'with-suggestions'} onChange={() => setInclude('with-suggestions')} /> Also suggestions scoring at least{' '}
          <input type="number" aria-label="Minimum suggestion score" min={0} max={1} step={0.05} value={minScore} onChange={(e) => setMinScore(Number(e.target.value))} />
        </label>
      </fieldset>
      {classifier && (
        <fieldset>
          <legend>Image tags</legend>
          <label>
            <input type="checkbox" checked={tags} onChange={(e) => setTags(e.target.checked)} /> Tags from {classifier.name} scoring at least {classifier.min.toFixed(2)} (COCO image
            attributes, a CSV column, YOLO classification folders with the images)
          </label>
        </fieldset>
      )}
      <fieldset>
        <legend>Classes</legend>
        <p className="hint">
          {present.length === 0
            ? 'No annotations on the chosen images yet.'
            : `${present.length} ${present.length === 1 ? 'class is' : 'classes are'} on the chosen images: rename (the same name merges) or drop them.`}
        </p>
        <ClassMapTable labels={allClasses ? [...present, ...absent] : present} map={classes} onChange={setClasses} />
        {absent.length > 0 && (
          <button type="button" className="link" aria-expanded={allClasses} onClick={() => setAllClasses(!allClasses)}>
            {allClasses ? `Show only the ${present.length} on the chosen images` : `Show all ${labels.length} classes of the label set`}
          </button>
        )}
      </fieldset>
      <fieldset>
        <legend>Split</legend>
        <label>
          <input type="checkbox" checked={splitOn} onChange={(e) => setSplitOn(e.target.checked)} /> Split into train / val / test
        </label>
        {splitOn && (
          <div className="split-ratios">
            {ratio('train', 'Train', 0.05)}
            {ratio('val', 'Val', 0.05)}
            {ratio('test', 'Test', 0.05)}
            {ratio('seed', 'Seed', 1)}
          </div>
        )}
      </fieldset>
      <PrivacyOptions labels={labels} value={privacy} onChange={setPrivacy} />
    </Modal>
  );
}
