import type { Mark } from '../../domain/eval/confusion';
import type { ImageRecord } from '../../domain/image';
import { useEvaluation } from '../../state/evaluation';
import './evaluation.css';

const STYLE: Record<Mark['kind'], { stroke: string; dash?: string; width: number; word: string }> = {
  tp: { stroke: '#3ddc84', width: 3, word: 'TP' },
  fp: { stroke: '#ff5c5c', dash: '10 5', width: 3, word: 'FP' },
  missed: { stroke: '#ffb020', dash: '3 4', width: 4, word: 'missed' },
  ignored: { stroke: '#9aa4b2', dash: '2 6', width: 2, word: 'ignored' },
};

const round = (n: number) => Math.round(n * 100) / 100;

function caption(m: Mark): string {
  const score = m.score === undefined ? '' : ` ${m.score.toFixed(2)}`;
  const other = m.other ? (m.kind === 'fp' ? ` (is ${m.other})` : ` (seen as ${m.other})`) : '';
  return `${STYLE[m.kind].word} ${m.label}${score}${other}`;
}

function useMarks(sha256: string): Mark[] | undefined {
  return useEvaluation((s) => (s.marksVisible ? s.outcome?.runs[s.shownRun]?.report?.marks[sha256] : undefined));
}

/** The evaluation's verdict on each box of the image: true positives solid green, false positives dashed red, missed truth dotted amber. */
export function EvaluationMarks({ image, screenScale }: { image: ImageRecord; screenScale: number }) {
  const marks = useMarks(image.sha256);
  if (!marks) return null;
  const fontSize = 13 / screenScale;
  return (
    <svg className="overlay eval-overlay" viewBox={`0 0 ${image.width} ${image.height}`} preserveAspectRatio="none" aria-label="Evaluation marks">
      {marks.map((m, i) => {
        const style = STYLE[m.kind];
        const text = caption(m);
        const below = m.box.y + m.box.h + fontSize * 1.3 <= image.height;
        const tagY = below ? m.box.y + m.box.h : m.box.y;
        return (
          <g key={i} data-eval={m.kind} data-label={m.label} data-box={`${round(m.box.x)},${round(m.box.y)},${round(m.box.w)},${round(m.box.h)}`}>
            <rect x={m.box.x} y={m.box.y} width={m.box.w} height={m.box.h} fill="none" stroke={style.stroke} strokeWidth={style.width} strokeDasharray={style.dash} vectorEffect="non-scaling-stroke" />
            <rect x={m.box.x} y={tagY} width={text.length * fontSize * 0.6 + fontSize * 0.5} height={fontSize * 1.3} fill={style.stroke} />
            <text x={m.box.x + fontSize * 0.25} y={tagY + fontSize} fontSize={fontSize} fill="#0d0f12">
              {text}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** Under the viewer while marks are shown: what the colours mean, at which threshold, and the ways back. */
export function EvaluationBar() {
  const visible = useEvaluation((s) => s.marksVisible && s.outcome !== null);
  const choice = useEvaluation((s) => s.outcome?.choice);
  if (!visible || !choice) return null;
  return (
    <div className="evaluation-bar" role="group" aria-label="Evaluation marks">
      <span>
        Evaluation at IoU {choice.iou.toFixed(2)}, score ≥ {choice.threshold.toFixed(2)}:
      </span>
      <span className="legend tp">TP</span>
      <span className="legend fp">FP</span>
      <span className="legend missed">missed</span>
      <button type="button" onClick={() => void useEvaluation.getState().openDialog()} title="E">
        Report
      </button>
      <button type="button" onClick={() => useEvaluation.getState().toggleMarks()} title="M">
        Hide marks
      </button>
    </div>
  );
}
