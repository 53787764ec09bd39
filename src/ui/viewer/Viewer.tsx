import { useEffect, useMemo, useRef } from 'react';
import { type Annotation, isImageTag } from '../../domain/annotation';
import { aboveThreshold } from '../../domain/detection';
import type { BBox } from '../../domain/geometry';
import { useDetection } from '../../state/detection';
import { useEditor } from '../../state/editor';
import { labelRect, visibleRect } from '../../state/editor-view';
import { useLibrary } from '../../state/library';
import { useImageUrl } from '../../state/object-urls';
import { setDrawnFilter, useReview } from '../../state/review';
import { EditorOverlays } from '../editor/EditorOverlays';
import { usePointerEditing } from '../editor/usePointerEditing';
import { TiffDetailLayer } from '../raster/TiffDetailLayer';
import { EvaluationBar, EvaluationMarks } from '../evaluation/EvaluationMarks';
import { BoxOverlay, type OverlayBox } from './BoxOverlay';
import { CursorPosition } from './CursorPosition';
import { ResultPanel } from './ResultPanel';
import { useStageSize } from './useStageSize';

/** Whether a box is drawn: not a tag, not rejected, not of a hidden class, a suggestion only at or above the threshold. */
const isDrawn = (hidden: ReadonlySet<string>, threshold: number) => (a: Annotation) =>
  !isImageTag(a) && a.status !== 'rejected' && !hidden.has(a.label) && (a.status !== 'suggested' || (a.score ?? 1) >= threshold);

function shownAnnotations(list: readonly Annotation[], hidden: ReadonlySet<string>, threshold: number): OverlayBox[] {
  return list
    .filter(isDrawn(hidden, threshold))
    .map((a) => ({ id: a.id, label: a.label, score: a.score, box: a.shape.box, dashed: a.status === 'suggested' }));
}

export function Viewer() {
  const image = useLibrary((s) => s.images.find((i) => i.sha256 === s.selected) ?? null);
  const url = useImageUrl(image?.sha256 ?? null);
  const result = useDetection((s) => (image ? s.results[image.sha256] : undefined));
  const scoreThreshold = useDetection((s) => s.scoreThreshold);
  const reviewImage = useReview((s) => s.imageSha256);
  const annotations = useReview((s) => s.annotations);
  const selectedId = useReview((s) => s.selectedId);
  const { view, stage: stageSize, hidden, tool } = useEditor();
  useEffect(() => {
    void useReview.getState().ensure(image?.sha256 ?? null);
  }, [image?.sha256]);
  const sha256 = image?.sha256;
  const [width, height] = [image?.width ?? 0, image?.height ?? 0];
  useEffect(() => {
    useEditor.getState().setImage(sha256 ? { width, height } : null);
  }, [sha256, width, height]);

  useEffect(() => setDrawnFilter(isDrawn(hidden, scoreThreshold)), [hidden, scoreThreshold]);
  const reviewing = reviewImage === image?.sha256 && annotations.some((a) => !isImageTag(a));
  const boxes = useMemo(
    (): OverlayBox[] => (reviewing ? shownAnnotations(annotations, hidden, scoreThreshold) : result ? aboveThreshold(result.detections, scoreThreshold).filter((d) => !hidden.has(d.label)) : []),
    [reviewing, annotations, hidden, scoreThreshold, result],
  );
  const selected = (reviewing && boxes.find((b) => b.id === selectedId)) || null;
  const stage = useRef<HTMLDivElement>(null);
  useStageSize(stage);
  const { draft, pixel, cursor, panning, handlers } = usePointerEditing(stage, image, reviewing ? boxes : [], selected);

  // Changes only now and then while panning, so the memoised box layer is not redrawn on every frame.
  const rectKey = view ? JSON.stringify(labelRect(view, stageSize)) : '';
  const captionRect = useMemo(() => (rectKey ? (JSON.parse(rectKey) as BBox) : undefined), [rectKey]);

  return (
    <section className="viewer" aria-label="Viewer">
      <div className="stage-column">
        <div
          className={`stage zoomable${tool === 'draw' ? ' drawing' : ''}${panning ? ' panning' : ''}`}
          ref={stage}
          style={{ cursor }}
          data-testid="stage"
          data-zoom={view ? view.scale.toFixed(4) : undefined}
          {...handlers}
        >
          {image && view && (
            <div
              className="frame"
              style={{ width: image.width, height: image.height, transform: `translate(${view.x}px, ${view.y}px) scale(${view.scale})` }}
            >
              {url && <img src={url} alt={image.fileName} draggable={false} decoding="async" />}
              <TiffDetailLayer image={image} visible={visibleRect(view, stageSize)} screenScale={view.scale} />
              <BoxOverlay
                width={image.width}
                height={image.height}
                screenScale={view.scale}
                detections={boxes}
                labelRect={captionRect}
                selected={selected}
                draft={draft}
              />
              <EvaluationMarks image={image} screenScale={view.scale} />
            </div>
          )}
        </div>
        <EditorOverlays />
        {image && <CursorPosition image={image} pixel={pixel} />}
        <EvaluationBar />
      </div>
      {image ? <ResultPanel image={image} /> : <aside className="result" />}
    </section>
  );
}
