import type { BBox } from '../../domain/geometry';
import { labelColor } from './colors';

/** A box to draw: a model's detection, or an annotation (a suggestion is dashed until a person accepts it). */
export interface OverlayBox {
  label: string;
  score?: number;
  box: BBox;
  dashed?: boolean;
  selected?: boolean;
}

interface Props {
  width: number;
  height: number;
  /** Screen pixels per image pixel: keeps captions at a readable screen size at any zoom. */
  screenScale: number;
  detections: OverlayBox[];
}

/** Boxes drawn in image pixels; the SVG scales with the image, stroke and text stay readable. */
export function BoxOverlay({ width, height, screenScale, detections }: Props) {
  const fontSize = 13 / screenScale;
  return (
    <svg className="overlay" viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none" aria-label="Detections">
      {detections.map((d, i) => {
        const color = labelColor(d.label);
        const caption = d.score === undefined ? d.label : `${d.label} ${d.score.toFixed(2)}`;
        const tagHeight = fontSize * 1.3;
        const tagWidth = caption.length * fontSize * 0.6 + fontSize * 0.5;
        const tagY = d.box.y >= tagHeight ? d.box.y - tagHeight : d.box.y;
        return (
          <g key={i} data-label={d.label} data-state={d.dashed ? 'suggested' : 'confirmed'} data-selected={d.selected || undefined}>
            <rect
              x={d.box.x}
              y={d.box.y}
              width={d.box.w}
              height={d.box.h}
              fill="none"
              stroke={color}
              strokeWidth={d.selected ? 4 : 2}
              strokeDasharray={d.dashed ? '6 4' : undefined}
              vectorEffect="non-scaling-stroke"
            />
            <rect x={d.box.x} y={tagY} width={tagWidth} height={tagHeight} fill={color} />
            <text x={d.box.x + fontSize * 0.25} y={tagY + fontSize * 1.0} fontSize={fontSize}>
              {caption}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
