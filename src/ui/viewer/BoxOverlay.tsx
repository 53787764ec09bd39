import { memo } from 'react';
import { HANDLES, handlePoint } from '../../domain/box-edit';
import type { BBox } from '../../domain/geometry';
import { labelColor, labelTextColor } from './colors';

/** A box to draw: a model's detection, or an annotation (a suggestion is dashed until a person accepts it). */
export interface OverlayBox {
  /** Set for annotations (they can be selected and edited); absent for a plain detection. */
  id?: string;
  label: string;
  score?: number;
  box: BBox;
  dashed?: boolean;
}

interface Props {
  width: number;
  height: number;
  /** Screen pixels per image pixel: keeps captions and handles at a readable screen size at any zoom. */
  screenScale: number;
  detections: readonly OverlayBox[];
  /** Captions are drawn only for boxes that reach into this part of the image (roughly what is on screen). */
  labelRect?: BBox;
  /** The selected box, drawn on top with its handles; `draft` is its shape while it is dragged. */
  selected?: OverlayBox | null;
  /** The selected box's shape while it is moved or resized. */
  draft?: BBox | null;
  /** A new box being drawn, or drawn and waiting for its label: never the selected box. */
  drawing?: BBox | null;
}

const overlaps = (a: BBox, b: BBox) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
const geometry = (b: BBox) => `${round(b.x)},${round(b.y)},${round(b.w)},${round(b.h)}`;
const round = (n: number) => Math.round(n * 100) / 100;

/**
 * Boxes in image pixels under the one transform of the zoomed frame: strokes do not scale, captions are sized in
 * screen pixels. The many boxes are one memoised layer, so panning and dragging redraw only the selected box.
 */
export function BoxOverlay({ width, height, screenScale, detections, labelRect, selected, draft, drawing }: Props) {
  return (
    <svg className="overlay" viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none" aria-hidden="true">
      <BoxLayer boxes={detections} excludeId={selected?.id} screenScale={screenScale} labelRect={labelRect} />
      {selected && <Box box={{ ...selected, box: draft ?? selected.box }} screenScale={screenScale} selected />}
      {drawing && <rect className="draft" x={drawing.x} y={drawing.y} width={drawing.w} height={drawing.h} vectorEffect="non-scaling-stroke" data-testid="draft-box" />}
    </svg>
  );
}

const BoxLayer = memo(function BoxLayer({ boxes, excludeId, screenScale, labelRect }: { boxes: readonly OverlayBox[]; excludeId?: string; screenScale: number; labelRect?: BBox }) {
  return (
    <g>
      {boxes.map((d, i) =>
        d.id !== undefined && d.id === excludeId ? null : (
          <Box key={d.id ?? i} box={d} screenScale={screenScale} captioned={!labelRect || overlaps(d.box, labelRect)} />
        ),
      )}
    </g>
  );
});

/** Memoised: when the caption rect moves, only the boxes whose caption appears or goes are drawn again. */
const Box = memo(function Box({ box: d, screenScale, selected, captioned = true }: { box: OverlayBox; screenScale: number; selected?: boolean; captioned?: boolean }) {
  const color = labelColor(d.label);
  const fontSize = 13 / screenScale;
  const caption = d.score === undefined ? d.label : `${d.label} ${d.score.toFixed(2)}`;
  const tagHeight = fontSize * 1.3;
  const tagWidth = caption.length * fontSize * 0.6 + fontSize * 0.5;
  const tagY = d.box.y >= tagHeight ? d.box.y - tagHeight : d.box.y;
  return (
    <g
      data-id={d.id}
      data-label={d.label}
      data-state={d.dashed ? 'suggested' : 'confirmed'}
      data-selected={selected || undefined}
      data-box={geometry(d.box)}
    >
      <rect
        x={d.box.x}
        y={d.box.y}
        width={d.box.w}
        height={d.box.h}
        fill="none"
        stroke={color}
        strokeWidth={selected ? 4 : 2}
        strokeDasharray={d.dashed ? '6 4' : undefined}
        vectorEffect="non-scaling-stroke"
      />
      {captioned && (
        <>
          <rect x={d.box.x} y={tagY} width={tagWidth} height={tagHeight} fill={color} />
          <text x={d.box.x + fontSize * 0.25} y={tagY + fontSize * 1.0} fontSize={fontSize} fill={labelTextColor(d.label)}>
            {caption}
          </text>
        </>
      )}
      {selected && <Handles box={d.box} screenScale={screenScale} />}
    </g>
  );
});

function Handles({ box, screenScale }: { box: BBox; screenScale: number }) {
  const size = 8 / screenScale;
  return (
    <>
      {HANDLES.map((h) => {
        const p = handlePoint(box, h);
        return <rect key={h} className="handle" data-handle={h} x={p.x - size / 2} y={p.y - size / 2} width={size} height={size} vectorEffect="non-scaling-stroke" />;
      })}
    </>
  );
}
