import { useState } from 'react';
import type { DetectionReport } from '../../domain/eval/evaluate';
import { labelColor } from '../viewer/colors';
import { figure, isQuiet, plural } from './format';

/** Per class: COCO's AP figures, and at the threshold precision, recall, F1, counts and the threshold with the best F1. */
export function ClassTable({ report }: { report: DetectionReport }) {
  const o = report.overall;
  const quiet = report.classes.filter(isQuiet);
  const [showQuiet, setShowQuiet] = useState(false);
  const rows = showQuiet ? report.classes : report.classes.filter((c) => !quiet.includes(c));
  return (
    <table className="class-table" aria-label="Per-class figures">
      <thead>
        <tr>
          <th>Class</th>
          <th title="reviewed boxes (crowd regions not counted)">Truth</th>
          <th title="detections taken into account">Dets</th>
          <th>AP</th>
          <th>AP50</th>
          <th>AP75</th>
          <th title={`at score ≥ ${report.threshold.toFixed(2)}, IoU ${report.iou.toFixed(2)}`}>Precision</th>
          <th>Recall</th>
          <th>F1</th>
          <th>TP</th>
          <th>FP</th>
          <th>FN</th>
          <th title="the score threshold with the highest F1">Best F1 (score)</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((c) => (
          <tr key={c.label} data-class={c.label}>
            <th scope="row">
              <span className="swatch" style={{ background: labelColor(c.label) }} />
              {c.label}
            </th>
            <td>{c.truths}</td>
            <td>{c.detections}</td>
            <td>{figure(c.AP)}</td>
            <td>{figure(c.AP50)}</td>
            <td>{figure(c.AP75)}</td>
            <td>{figure(c.precision)}</td>
            <td>{figure(c.recall)}</td>
            <td>{figure(c.F1)}</td>
            <td>{c.tp}</td>
            <td>{c.fp}</td>
            <td>{c.fn}</td>
            <td>{c.bestF1 ? `${figure(c.bestF1.F1)} (≥ ${c.bestF1.threshold.toFixed(2)})` : '—'}</td>
          </tr>
        ))}
        {quiet.length > 0 && (
          <tr>
            <td colSpan={13} className="quiet-classes">
              <button type="button" className="link" onClick={() => setShowQuiet(!showQuiet)}>
                {showQuiet ? 'Hide' : 'Show'} the {plural(quiet.length, 'class', 'classes')} predicted only below the threshold, without truth
              </button>
            </td>
          </tr>
        )}
      </tbody>
      <tfoot>
        <tr data-class="(all)">
          <th scope="row">All classes</th>
          <td>{report.truths}</td>
          <td>{report.detections}</td>
          <td>{figure(report.summary.AP)}</td>
          <td>{figure(report.summary.AP50)}</td>
          <td>{figure(report.summary.AP75)}</td>
          <td>{figure(o.precision)}</td>
          <td>{figure(o.recall)}</td>
          <td>{figure(o.F1)}</td>
          <td>{o.tp}</td>
          <td>{o.fp}</td>
          <td>{o.fn}</td>
          <td />
        </tr>
      </tfoot>
    </table>
  );
}
