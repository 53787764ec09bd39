import { COMPARED, type Comparison } from '../../domain/eval/compare';
import { labelColor } from '../viewer/colors';
import { deltaClass, difference, figure } from './format';

const HEAD: Record<(typeof COMPARED)[number], string> = { AP: 'AP', AP50: 'AP50', AP75: 'AP75', precision: 'Precision', recall: 'Recall', F1: 'F1' };

/** Two runs on the same reviewed images, per class: A, B and B − A for each figure. */
export function CompareTable({ comparison }: { comparison: Comparison }) {
  return (
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
        {comparison.classes.map((c) => (
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
      </tbody>
    </table>
  );
}
