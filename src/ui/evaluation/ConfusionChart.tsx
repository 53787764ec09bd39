import type { KeyboardEvent } from 'react';
import { BACKGROUND, type Confusion, type ConfusionCell } from '../../domain/eval/confusion';
import { CHART } from './chart-export';

const CELL = 36;
const LEFT = 130;
const TOP = 120;

/** How a cell reads aloud and in its tooltip. */
export function cellLabel({ truth, predicted, count }: Pick<ConfusionCell, 'truth' | 'predicted' | 'count'>): string {
  if (truth === BACKGROUND) return `${predicted} false alarm: ${count}`;
  if (predicted === BACKGROUND) return `${truth} missed: ${count}`;
  return truth === predicted ? `${truth} found: ${count}` : `${truth} taken for ${predicted}: ${count}`;
}

const short = (label: string) => (label.length > 16 ? `${label.slice(0, 15)}…` : label);
/** Green for right, amber for missed and false alarms, red for one class taken for another. */
const hue = (truth: string, predicted: string) => (truth === predicted ? 'rgb(61,220,132)' : truth === BACKGROUND || predicted === BACKGROUND ? 'rgb(255,176,32)' : 'rgb(255,92,92)');

/** Class confusions at the chosen IoU and threshold; the background row and column hold false alarms and misses. A cell shows its images. */
export function ConfusionChart({ confusion, iou, threshold, onCell }: { confusion: Confusion; iou: number; threshold: number; onCell(cell: ConfusionCell): void }) {
  const used = confusion.labels.filter((l) => l !== BACKGROUND && confusion.cells.some((c) => c.truth === l || c.predicted === l));
  const axis = [...used, BACKGROUND];
  const byKey = new Map(confusion.cells.map((c) => [`${c.truth}\u0000${c.predicted}`, c]));
  const rowTotal = (truth: string) => confusion.cells.filter((c) => c.truth === truth).reduce((n, c) => n + c.count, 0);
  const W = LEFT + axis.length * CELL + 16;
  const H = TOP + axis.length * CELL + 16;
  const activate = (e: KeyboardEvent, cell: ConfusionCell) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onCell(cell);
    }
  };
  return (
    <svg viewBox={`0 0 ${W} ${H}`} width={W} className="confusion-chart" role="group" aria-label="Confusion matrix" fontFamily={CHART.font}>
      <rect width={W} height={H} fill={CHART.background} />
      <text x={8} y={18} fill={CHART.text} fontSize={13}>
        Confusion at IoU {iou.toFixed(2)}, score ≥ {threshold.toFixed(2)}
      </text>
      <text x={8} y={TOP - 8} fill={CHART.muted} fontSize={11}>
        truth ↓ · predicted →
      </text>
      {axis.map((label, i) => (
        <g key={label}>
          <text x={LEFT - 6} y={TOP + i * CELL + CELL / 2 + 4} fill={CHART.text} fontSize={11} textAnchor="end">
            {label === BACKGROUND ? '(false alarm)' : short(label)}
          </text>
          <text
            x={LEFT + i * CELL + CELL / 2}
            y={TOP - 6}
            fill={CHART.text}
            fontSize={11}
            transform={`rotate(-50 ${LEFT + i * CELL + CELL / 2} ${TOP - 6})`}
          >
            {label === BACKGROUND ? '(missed)' : short(label)}
          </text>
        </g>
      ))}
      {axis.map((truth, row) =>
        axis.map((predicted, col) => {
          const cell = byKey.get(`${truth}\u0000${predicted}`);
          const at = { x: LEFT + col * CELL, y: TOP + row * CELL };
          if (truth === BACKGROUND && predicted === BACKGROUND) return null;
          if (!cell) return <rect key={`${row}-${col}`} x={at.x} y={at.y} width={CELL - 2} height={CELL - 2} fill={CHART.background} stroke={CHART.grid} />;
          const share = cell.count / Math.max(1, truth === BACKGROUND ? Math.max(...confusion.cells.filter((c) => c.truth === BACKGROUND).map((c) => c.count)) : rowTotal(truth));
          const alpha = 0.25 + 0.75 * share;
          const name = cellLabel(cell);
          return (
            <g
              key={`${row}-${col}`}
              className="confusion-cell"
              role="button"
              tabIndex={0}
              aria-label={`${name} ${cell.count === 1 ? 'box' : 'boxes'} on ${cell.images.length} ${cell.images.length === 1 ? 'image' : 'images'}`}
              data-truth={truth}
              data-predicted={predicted}
              onClick={() => onCell(cell)}
              onKeyDown={(e) => activate(e, cell)}
            >
              <title>{`${name}: show the ${cell.images.length === 1 ? 'image' : `${cell.images.length} images`}`}</title>
              <rect x={at.x} y={at.y} width={CELL - 2} height={CELL - 2} fill={hue(truth, predicted)} fillOpacity={alpha.toFixed(2)} stroke={CHART.grid} />
              <text x={at.x + (CELL - 2) / 2} y={at.y + CELL / 2 + 3} fill={alpha > 0.6 ? '#0d0f12' : CHART.text} fontSize={12} textAnchor="middle">
                {cell.count}
              </text>
            </g>
          );
        }),
      )}
    </svg>
  );
}
