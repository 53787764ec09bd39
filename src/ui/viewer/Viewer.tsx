import { useEffect, useRef, useState } from 'react';
import { aboveThreshold } from '../../domain/detection';
import { useDetection } from '../../state/detection';
import { useLibrary } from '../../state/library';
import { useImageUrl } from '../../state/object-urls';
import { useReview } from '../../state/review';
import { BoxOverlay, type OverlayBox } from './BoxOverlay';
import { CursorPosition } from './CursorPosition';
import { ResultPanel } from './ResultPanel';
import { useFit } from './useFit';

export function Viewer() {
  const image = useLibrary((s) => s.images.find((i) => i.sha256 === s.selected) ?? null);
  const url = useImageUrl(image?.sha256 ?? null);
  const result = useDetection((s) => (image ? s.results[image.sha256] : undefined));
  const scoreThreshold = useDetection((s) => s.scoreThreshold);
  const review = useReview();
  useEffect(() => {
    void useReview.getState().load(image?.sha256 ?? null);
  }, [image?.sha256]);
  const reviewing = review.imageSha256 === image?.sha256 && review.annotations.length > 0;
  const boxes: OverlayBox[] = reviewing
    ? review.annotations
        .filter((a) => a.status !== 'rejected')
        .map((a) => ({ label: a.label, score: a.score, box: a.shape.box, dashed: a.status === 'suggested', selected: a.id === review.selectedId }))
    : result
      ? aboveThreshold(result.detections, scoreThreshold)
      : [];
  const stage = useRef<HTMLDivElement>(null);
  const fit = useFit(stage, image?.width ?? 1, image?.height ?? 1);
  const [pixel, setPixel] = useState<{ x: number; y: number } | null>(null);

  return (
    <section className="viewer" aria-label="Viewer">
      <div className="stage-column">
        <div className="stage" ref={stage}>
          {image && fit.scale > 0 && (
            <div
              className="frame"
              style={{ width: fit.width, height: fit.height }}
              onMouseMove={(e) => {
                const rect = e.currentTarget.getBoundingClientRect();
                setPixel({ x: (e.clientX - rect.left) / fit.scale, y: (e.clientY - rect.top) / fit.scale });
              }}
              onMouseLeave={() => setPixel(null)}
            >
              {url && <img src={url} alt={image.fileName} draggable={false} />}
              {boxes.length > 0 && <BoxOverlay width={image.width} height={image.height} screenScale={fit.scale} detections={boxes} />}
            </div>
          )}
        </div>
        {image && <CursorPosition image={image} pixel={pixel} />}
      </div>
      {image ? <ResultPanel image={image} /> : <aside className="result" />}
    </section>
  );
}
