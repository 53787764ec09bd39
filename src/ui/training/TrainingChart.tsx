import type { EpochFigures } from '../../domain/training/record';
import { ChartFrame } from '../evaluation/ChartFrame';

const W = 460;
const H = 220;
const PAD = { left: 44, right: 44, top: 12, bottom: 30 };

/** Loss (left axis) and validation accuracy (right axis, 0–1) per epoch, drawn as the epochs come in. */
export function TrainingChart({ history, maxEpochs, bestEpoch }: { history: readonly EpochFigures[]; maxEpochs: number; bestEpoch?: number }) {
  const lastEpoch = Math.max(10, history.at(-1)?.epoch ?? 0);
  const epochs = Math.min(maxEpochs, Math.ceil(lastEpoch / 10) * 10);
  const maxLoss = Math.max(0.1, ...history.map((h) => Math.max(h.trainLoss, Number.isFinite(h.valLoss) ? h.valLoss : 0)));
  const x = (epoch: number) => PAD.left + ((epoch - 1) / Math.max(1, epochs - 1)) * (W - PAD.left - PAD.right);
  const yLoss = (v: number) => PAD.top + (1 - v / maxLoss) * (H - PAD.top - PAD.bottom);
  const yAcc = (v: number) => PAD.top + (1 - v) * (H - PAD.top - PAD.bottom);
  const line = (y: (h: EpochFigures) => number) => history.map((h, i) => `${i === 0 ? 'M' : 'L'}${x(h.epoch).toFixed(1)},${y(h).toFixed(1)}`).join('');
  const last = history.at(-1);
  return (
    <ChartFrame title="Training: loss and validation accuracy per epoch" fileName="training-curve">
      <svg className="training-chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={last ? `Epoch ${last.epoch}: validation accuracy ${last.valAccuracy.toFixed(2)}` : 'No epoch yet'} data-epochs={history.length}>
        <rect x={PAD.left} y={PAD.top} width={W - PAD.left - PAD.right} height={H - PAD.top - PAD.bottom} fill="none" stroke="currentColor" strokeOpacity={0.3} />
        {[0, 0.5, 1].map((f) => (
          <g key={f}>
            <text x={PAD.left - 4} y={yLoss(maxLoss * f) + 4} textAnchor="end" fontSize={10} fill="currentColor">
              {(maxLoss * f).toFixed(2)}
            </text>
            <text x={W - PAD.right + 4} y={yAcc(f) + 4} fontSize={10} fill="#3ddc84">
              {f.toFixed(1)}
            </text>
          </g>
        ))}
        <text x={W / 2} y={H - 6} textAnchor="middle" fontSize={10} fill="currentColor">
          epoch (of at most {maxEpochs})
        </text>
        {bestEpoch ? <line x1={x(bestEpoch)} x2={x(bestEpoch)} y1={PAD.top} y2={H - PAD.bottom} stroke="#f5a623" strokeDasharray="3 3" /> : null}
        <path d={line((h) => yLoss(h.trainLoss))} fill="none" stroke="#6ea8fe" strokeWidth={1.5} />
        <path d={line((h) => yLoss(Number.isFinite(h.valLoss) ? h.valLoss : maxLoss))} fill="none" stroke="#6ea8fe" strokeWidth={1.5} strokeDasharray="5 3" />
        <path d={line((h) => yAcc(h.valAccuracy))} fill="none" stroke="#3ddc84" strokeWidth={1.5} />
      </svg>
      <p className="hint legend">
        <span style={{ color: '#6ea8fe' }}>— training loss</span> · <span style={{ color: '#6ea8fe' }}>- - validation loss</span> · <span style={{ color: '#3ddc84' }}>— validation accuracy</span>
        {bestEpoch ? <span style={{ color: '#f5a623' }}> · ¦ kept epoch {bestEpoch}</span> : null}
      </p>
    </ChartFrame>
  );
}
