import { type CocoSummary, SUMMARY_NAMES } from '../../domain/eval/coco-metrics';
import type { Comparison } from '../../domain/eval/compare';
import { deltaClass, difference, figure } from './format';

const MEANING: Record<keyof CocoSummary, string> = {
  AP: 'AP, IoU 0.50:0.95',
  AP50: 'AP, IoU 0.50',
  AP75: 'AP, IoU 0.75',
  APs: 'AP, small (< 32²)',
  APm: 'AP, medium',
  APl: 'AP, large (> 96²)',
  AR1: 'AR, 1 detection',
  AR10: 'AR, 10 detections',
  AR100: 'AR, 100 detections',
  ARs: 'AR, small',
  ARm: 'AR, medium',
  ARl: 'AR, large',
};

/** COCOeval's twelve figures; with a comparison, both runs and the difference. */
export function SummaryFigures({ summary, comparison }: { summary: CocoSummary; comparison: Comparison | null }) {
  return (
    <table className="summary-figures" aria-label="COCO figures">
      <thead>
        <tr>
          <th>Figure</th>
          <th>{comparison ? 'Run A' : 'Value'}</th>
          {comparison && (
            <>
              <th>Run B</th>
              <th>B − A</th>
            </>
          )}
        </tr>
      </thead>
      <tbody>
        {SUMMARY_NAMES.map((name) => (
          <tr key={name} data-figure={name}>
            <th scope="row" title={MEANING[name]}>
              {name} <span className="hint">{MEANING[name]}</span>
            </th>
            <td>{figure(summary[name])}</td>
            {comparison && (
              <>
                <td>{figure(comparison.summary[name].b)}</td>
                <td className={deltaClass(comparison.summary[name].delta)}>{difference(comparison.summary[name].delta)}</td>
              </>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
