import type { TagReport } from '../../domain/eval/tags';
import { figure } from './format';

/** Image-level tags: accuracy, then per tag precision and recall; a tag's row shows the images it was wrong on. */
export function TagTable({ report, onTag }: { report: TagReport; onTag(tag: string): void }) {
  return (
    <>
      <p data-testid="tag-accuracy">
        On {report.images} images at score ≥ {report.threshold.toFixed(2)}: exact match {figure(report.exactMatch)}, top-1 accuracy {figure(report.top1)}.
      </p>
      <table className="class-table" aria-label="Per-tag figures">
        <thead>
          <tr>
            <th>Tag</th>
            <th>Truth</th>
            <th>TP</th>
            <th>FP</th>
            <th>FN</th>
            <th>Precision</th>
            <th>Recall</th>
            <th>F1</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {report.tags.map((t) => (
            <tr key={t.tag} data-tag={t.tag}>
              <th scope="row">{t.tag}</th>
              <td>{t.truths}</td>
              <td>{t.tp}</td>
              <td>{t.fp}</td>
              <td>{t.fn}</td>
              <td>{figure(t.precision)}</td>
              <td>{figure(t.recall)}</td>
              <td>{figure(t.F1)}</td>
              <td>
                <button type="button" disabled={t.fp + t.fn === 0} onClick={() => onTag(t.tag)}>
                  Show wrong
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
