import { type KeyboardEvent, useState } from 'react';
import type { ClassReport } from '../../domain/eval/evaluate';
import type { CurvePoint } from '../../domain/eval/operating-point';
import { labelColor } from '../viewer/colors';
import { CHART } from './chart-export';

const W = 440;
const H = 300;
const M = { left: 44, right: 14, top: 30, bottom: 38 };
const x = (recall: number) => M.left + recall * (W - M.left - M.right);
const y = (precision: number) => M.top + (1 - precision) * (H - M.top - M.bottom);
const TICKS = [0, 0.2, 0.4, 0.6, 0.8, 1];
const SHOWN_AT_FIRST = 8;

/**
 * One point per threshold, the furthest recall it reaches: the ones worth clicking (recall points sharing a score are
 * the same operating point).
 */
function operatingPoints(curve: readonly CurvePoint[]): CurvePoint[] {
  return curve.filter((p, i) => p.precision > 0 && (i === curve.length - 1 || p.score !== curve[i + 1]!.score));
}

const activate = (e: KeyboardEvent, run: () => void) => {
  if (e.key === 'Enter' || e.key === ' ') {
    e.preventDefault();
    run();
  }
};

interface Props {
  classes: readonly ClassReport[];
  iou: number;
  onPoint(label: string, point: CurvePoint): void;
}

/** COCOeval's 101-point precision–recall curve per class at the chosen IoU; a point sets the threshold and shows that class's errors there. */
export function PrChart({ classes, iou, onPoint }: Props) {
  const withCurve = classes.filter((c) => c.curve);
  const [hidden, setHidden] = useState<ReadonlySet<string>>(() => new Set(withCurve.slice(SHOWN_AT_FIRST).map((c) => c.label)));
  const shown = withCurve.filter((c) => !hidden.has(c.label));
  const toggle = (label: string) => setHidden((h) => (h.has(label) ? new Set([...h].filter((l) => l !== label)) : new Set([...h, label])));
  return (
    <>
      <svg viewBox={`0 0 ${W} ${H}`} className="pr-chart" role="group" aria-label="Precision–recall curves" fontFamily={CHART.font}>
        <rect width={W} height={H} fill={CHART.background} />
        <text x={M.left} y={18} fill={CHART.text} fontSize={13}>
          Precision–recall at IoU {iou.toFixed(2)} (101-point interpolated)
        </text>
        {TICKS.map((t) => (
          <g key={t}>
            <line x1={x(t)} x2={x(t)} y1={y(0)} y2={y(1)} stroke={CHART.grid} />
            <line x1={x(0)} x2={x(1)} y1={y(t)} y2={y(t)} stroke={CHART.grid} />
            <text x={x(t)} y={y(0) + 14} fill={CHART.muted} fontSize={10} textAnchor="middle">
              {t.toFixed(1)}
            </text>
            <text x={x(0) - 6} y={y(t) + 3} fill={CHART.muted} fontSize={10} textAnchor="end">
              {t.toFixed(1)}
            </text>
          </g>
        ))}
        <text x={(x(0) + x(1)) / 2} y={H - 6} fill={CHART.muted} fontSize={11} textAnchor="middle">
          recall
        </text>
        <text x={12} y={(y(0) + y(1)) / 2} fill={CHART.muted} fontSize={11} textAnchor="middle" transform={`rotate(-90 12 ${(y(0) + y(1)) / 2})`}>
          precision
        </text>
        {shown.map((c) => (
          <polyline
            key={c.label}
            data-class={c.label}
            points={c.curve!.filter((p) => p.precision > 0).map((p) => `${x(p.recall)},${y(p.precision)}`).join(' ')}
            fill="none"
            stroke={labelColor(c.label)}
            strokeWidth={2}
            pointerEvents="none"
          />
        ))}
        {/* Points over every line, so no other class's line covers one. */}
        {shown.map((c) => (
          <g key={c.label} data-class={c.label}>
            {operatingPoints(c.curve!).map((p) => {
              const name = `${c.label}: recall ${p.recall.toFixed(2)}, precision ${p.precision.toFixed(2)} at score ≥ ${p.score.toFixed(2)}`;
              return (
                <circle
                  key={p.recall}
                  className="pr-point"
                  cx={x(p.recall)}
                  cy={y(p.precision)}
                  r={4}
                  fill={labelColor(c.label)}
                  stroke={CHART.background}
                  role="button"
                  tabIndex={0}
                  aria-label={name}
                  onClick={() => onPoint(c.label, p)}
                  onKeyDown={(e) => activate(e, () => onPoint(c.label, p))}
                >
                  <title>{`${name}: show its errors`}</title>
                </circle>
              );
            })}
          </g>
        ))}
      </svg>
      {withCurve.length === 0 ? (
        <p className="hint">No class has reviewed boxes: there is no curve to draw.</p>
      ) : (
        <ul className="chart-legend" aria-label="Classes on the chart">
          {withCurve.map((c) => (
            <li key={c.label}>
              <button type="button" aria-pressed={!hidden.has(c.label)} onClick={() => toggle(c.label)}>
                <span className="swatch" style={{ background: labelColor(c.label) }} />
                {c.label}
              </button>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
