import { useState } from 'react';
import { COMPARED, type Comparison } from '../../domain/eval/compare';
import { labelColor } from '../viewer/colors';
import { deltaClass, difference, figure, isQuiet, plural } from './format';

const HEAD: Record<(typeof COMPARED)[number], string> = { AP: 'AP', AP50: 'AP50', AP75: 'AP75', precision: 'Precision', recall: 'Recall', F1: 'F1' };

/** Two runs on the same reviewed images, per class: A, B and B − A for each figure. */
export function CompareTable({ comparison }: { comparison: Comparison }) {
  const quiet = comparison.classes.filter((c) => isQuiet(c.a) && isQuiet(c.b));
  const [showQuiet, setShowQuiet] = useState(false);
  const rows = showQuiet ? comparison.classes : comparison.classes.filter((c) => !quiet.includes(c));
  return (
    <div className="wide-table">
      <table className="class-table compare-table" aria-label="Per-class comparison">
        <thead>
          <tr>
            <th rowSpan={2}>Class</th>
            {COMPARED.map((key) => (
              <th key={key} colSpan={3}>
                {HEAD[key]}
              </th>
            ))}
          </tr>
          <tr>
            {COMPARED.map((key) => (
              <th key={key} className="sub" colSpan={3}>
                A · B · B − A
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((c) => (
            <tr key={c.label} data-class={c.label}>
              <th scope="row">
                <span className="swatch" style={{ background: labelColor(c.label) }} />
                {c.label}
              </th>
              {COMPARED.map((key) => (
                <td key={key} colSpan={3} className="triple">
                  <span>{figure(c.a?.[key])}</span>
                  <span>{figure(c.b?.[key])}</span>
                  <span className={deltaClass(c.delta[key])}>{difference(c.delta[key])}</span>
                </td>
              ))}
            </tr>
          ))}
          {quiet.length > 0 && (
            <tr>
              <td colSpan={1 + 3 * COMPARED.length} className="quiet-classes">
                <button type="button" className="link" onClick={() => setShowQuiet(!showQuiet)}>
                  {showQuiet ? 'Hide' : 'Show'} the {plural(quiet.length, 'class', 'classes')} predicted only below the threshold, without truth
                </button>
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
