import { useEvaluation } from '../../state/evaluation';
import { download } from '../../platform/download';
import { ChartFrame } from './ChartFrame';
import { ClassTable } from './ClassTable';
import { CompareTable } from './CompareTable';
import { ConfusionChart } from './ConfusionChart';
import { plural } from './format';
import { PrChart } from './PrChart';
import { SummaryFigures } from './SummaryFigures';
import { TagTable } from './TagTable';

const stamp = () => new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');

/** The figures of the last evaluation, its charts (a click shows the images behind a cell or point), and its files. */
export function EvaluationResults() {
  const { outcome, scopeCounts, stale, shownRun, runs, showCell, showPoint, showTag, choose } = useEvaluation();
  if (!outcome) return null;
  const run = outcome.runs[shownRun] ?? outcome.runs[0]!;
  const first = outcome.runs[0]!;
  const report = run.report;
  const label = (key: string) => runs.find((r) => r.runKey === key)?.label ?? key;
  const saveReport = () => {
    const blob = useEvaluation.getState().reportBlob();
    if (blob) download(blob, `evaluation-${stamp()}.json`);
  };
  const saveFiles = async () => {
    const blob = await useEvaluation.getState().filesBlob();
    if (blob) download(blob, `evaluation-coco-${stamp()}.zip`);
  };

  return (
    <section className="evaluation-results" aria-label="Evaluation results">
      {stale && <p className="notice">These results are for the earlier choice of images or runs: press Evaluate for the new one.</p>}
      <p data-testid="evaluation-summary">
        Evaluated {plural(first.evaluated, 'reviewed image')}
        {scopeCounts?.notReviewed ? `; ${plural(scopeCounts.notReviewed, 'image')} not reviewed, left out` : ''}
        {first.noResult ? `; ${plural(first.noResult, 'reviewed image')} without a result ${outcome.runs.length > 1 ? 'from both runs' : 'in this run'}, left out` : ''}
        {first.undecided ? `; ${plural(first.undecided, 'suggestion')} nobody decided on, not counted as truth` : ''}.
      </p>
      {outcome.runs.length > 1 && (
        <div className="run-switch" role="group" aria-label="Charts and marks of">
          {outcome.runs.map((r, i) => (
            <button key={r.runKey} type="button" aria-pressed={shownRun === i} onClick={() => choose({ shownRun: i as 0 | 1 })} title={label(r.runKey)}>
              Run {'AB'[i]}: {label(r.runKey)}
            </button>
          ))}
        </div>
      )}
      {report && (
        <>
          <div className="evaluation-tables">
            <SummaryFigures summary={first.report!.summary} comparison={outcome.comparison} />
            {outcome.comparison ? <CompareTable comparison={outcome.comparison} /> : <ClassTable report={report} />}
          </div>
          {outcome.comparison && <ClassTable report={report} />}
          <div className="evaluation-charts">
            <ChartFrame title="Precision–recall curves" fileName="precision-recall">
              <PrChart key={`${run.runKey}-${report.iou}`} classes={report.classes} iou={report.iou} onPoint={(l, p) => void showPoint(l, p)} />
            </ChartFrame>
            <ChartFrame title="Confusion matrix" fileName="confusion-matrix">
              <ConfusionChart confusion={report.confusion} iou={report.iou} threshold={report.threshold} onCell={showCell} />
            </ChartFrame>
          </div>
        </>
      )}
      {run.tags && <TagTable report={run.tags} onTag={showTag} />}
      {!report && !run.tags && <p className="hint">The run has no results on the reviewed images.</p>}
      <div className="dialog-buttons">
        <button type="button" onClick={saveReport}>
          Download report (JSON)
        </button>
        <button type="button" onClick={() => void saveFiles()} title="The ground truth as COCO JSON and the predictions as a COCO results list, for pycocotools or workbench evaluate">
          Download COCO files (zip)
        </button>
      </div>
    </section>
  );
}
