import { useEffect, useMemo, useRef } from 'react';
import { type Annotation, isImageTag } from '../../domain/annotation';
import { aboveThreshold } from '../../domain/detection';
import type { BBox } from '../../domain/geometry';
import { useDetection } from '../../state/detection';
import { useEditor } from '../../state/editor';
import { labelRect, visibleRect } from '../../state/editor-view';
import { useLibrary } from '../../state/library';
import { useImageUrl } from '../common/useStoredBlobUrl';
import { setDrawnFilter, useReview } from '../../state/review';
import { useWorkspace } from '../../state/workspace';
import { EditorOverlays } from '../editor/EditorOverlays';
import { usePointerEditing } from '../editor/usePointerEditing';
import { EvaluationBar, EvaluationMarks } from '../evaluation/EvaluationMarks';
import { ImagePanel } from '../panel/ImagePanel';
import { TiffDetailLayer } from '../raster/TiffDetailLayer';
import { RunPanel } from '../run/RunPanel';
import { BoxOverlay, type OverlayBox } from './BoxOverlay';
import { CursorPosition } from './CursorPosition';
import { ToolRail } from './ToolRail';
import { registerCanvas } from './canvas-focus';
import { useStageSize } from './useStageSize';
import './viewer.css';

/** Whether a box is drawn: not a tag, not rejected, not of a hidden class, a suggestion only at or above the threshold. */
const isDrawn = (hidden: ReadonlySet<string>, threshold: number) => (a: Annotation) =>
  !isImageTag(a) && a.status !== 'rejected' && !hidden.has(a.label) && (a.status !== 'suggested' || (a.score ?? 1) >= threshold);

function shownAnnotations(list: readonly Annotation[], hidden: ReadonlySet<string>, threshold: number): OverlayBox[] {
  return list
    .filter(isDrawn(hidden, threshold))
    .map((a) => ({ id: a.id, label: a.label, score: a.score, box: a.shape.box, dashed: a.status === 'suggested' }));
}

/** The image with its boxes (the tool rail at its left, the run panel and the image's tabs at its right). */
export function Viewer() {
  const image = useLibrary((s) => s.images.find((i) => i.sha256 === s.selected) ?? null);
  const url = useImageUrl(image?.sha256 ?? null);
  const result = useDetection((s) => (image ? s.results[image.sha256] : undefined));
  const scoreThreshold = useDetection((s) => s.scoreThreshold);
  const reviewImage = useReview((s) => s.imageSha256);
  const annotations = useReview((s) => s.annotations);
  const selectedId = useReview((s) => s.selectedId);
  const { view, stage: stageSize, hidden, tool, pendingBox } = useEditor();
  useEffect(() => {
    void useReview.getState().ensure(image?.sha256 ?? null);
  }, [image?.sha256]);
  const sha256 = image?.sha256;
  const [width, height] = [image?.width ?? 0, image?.height ?? 0];
  useEffect(() => {
    useEditor.getState().setImage(sha256 ? { width, height } : null);
  }, [sha256, width, height]);
  // A box selected (on the canvas, by Tab, or as the first suggestion) is shown with its details.
  useEffect(() => {
    if (selectedId) useWorkspace.getState().setTab('annotations');
  }, [selectedId]);

  useEffect(() => setDrawnFilter(isDrawn(hidden, scoreThreshold)), [hidden, scoreThreshold]);
  const reviewing = reviewImage === image?.sha256 && annotations.some((a) => !isImageTag(a));
  const boxes = useMemo(
    (): OverlayBox[] => (reviewing ? shownAnnotations(annotations, hidden, scoreThreshold) : result ? aboveThreshold(result.detections, scoreThreshold).filter((d) => !hidden.has(d.label)) : []),
    [reviewing, annotations, hidden, scoreThreshold, result],
  );
  const selected = (reviewing && boxes.find((b) => b.id === selectedId)) || null;
  // The classes that can be shown or hidden: those drawn here with nothing hidden.
  const classes = useMemo(
    () => (reviewing ? annotations.filter(isDrawn(new Set(), scoreThreshold)) : result ? aboveThreshold(result.detections, scoreThreshold) : []).map((b) => b.label),
    [reviewing, annotations, scoreThreshold, result],
  );
  const stage = useRef<HTMLDivElement>(null);
  useStageSize(stage);
  useEffect(() => {
    registerCanvas(stage.current);
    return () => registerCanvas(null);
  }, []);
  const { draft, drawing, pixel, cursor, panning, handlers } = usePointerEditing(stage, image, reviewing ? boxes : [], selected);

  // Changes only now and then while panning, so the memoised box layer is not redrawn on every frame.
  const rectKey = view ? JSON.stringify(labelRect(view, stageSize)) : '';
  const captionRect = useMemo(() => (rectKey ? (JSON.parse(rectKey) as BBox) : undefined), [rectKey]);

  return (
    <section className="viewer" aria-label="Viewer">
      <ToolRail labels={classes} />
      <div className="stage-column">
        <div
          className={`stage zoomable${tool === 'draw' ? ' drawing' : ''}${panning ? ' panning' : ''}`}
          ref={stage}
          style={{ cursor }}
          data-testid="stage"
          data-zoom={view ? view.scale.toFixed(4) : undefined}
          role="application"
          aria-roledescription="image canvas"
          aria-label={image ? `${image.fileName}: keys act here; ? lists them` : 'No image open'}
          tabIndex={0}
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
                drawing={drawing ?? pendingBox}
              />
              <EvaluationMarks image={image} screenScale={view.scale} />
            </div>
          )}
          {!image && <p className="stage-empty">Open an image from the gallery (or import some) to see it here.</p>}
        </div>
        <EditorOverlays />
        <div className="stage-foot">
          {image && <CursorPosition image={image} pixel={pixel} />}
          <EvaluationBar />
        </div>
      </div>
      <aside className="side" aria-label="Run and image details">
        <RunPanel />
        {image ? <ImagePanel image={image} /> : <p className="hint side-empty">No image open.</p>}
      </aside>
    </section>
  );
}
