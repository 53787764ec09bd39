import { useState } from 'react';
import type { Annotation } from '../../domain/annotation';
import type { ImageRecord } from '../../domain/image';
import type { PredictionRecord } from '../../domain/prediction';
import { modelTagOf, tagsOf } from '../../domain/tags';
import { useDetection } from '../../state/detection';
import { addImageTag, decideTag, removeImageTag } from '../../state/editor-edits';
import { useReview } from '../../state/review';
import { labelColor } from '../viewer/colors';

const sourceText = (a: Annotation) => (a.source.startsWith('human:') ? `by ${a.source.slice('human:'.length)}` : `model, ${a.score?.toFixed(2) ?? ''}`);

/** The classifier's tags with scores to accept or reject, and the image's tags, which a person can add to and remove from. */
export function ImageTags({ image, result }: { image: ImageRecord; result: PredictionRecord | undefined }) {
  const scoreThreshold = useDetection((s) => s.scoreThreshold);
  const all = useReview((s) => s.annotations);
  const loadedFor = useReview((s) => s.imageSha256);
  const annotations = loadedFor === image.sha256 ? all : [];
  const [typed, setTyped] = useState('');
  const model = result && { id: result.modelId, version: result.modelVersion };
  const suggested = (result?.tags ?? []).filter((t) => t.score >= scoreThreshold);
  const onImage = tagsOf(annotations).filter((a) => a.status === 'accepted');

  return (
    <section className="tags" aria-label="Tags">
      {model && result?.tags && (
        <>
          <p>Image tags suggested by the model:</p>
          <ol className="detections" aria-label="Image tags">
            {suggested.map((t) => {
              const decided = modelTagOf(annotations, model, t.label);
              return (
                <li key={t.label}>
                  <span className="swatch" style={{ background: labelColor(t.label) }} />
                  <span className="label">{t.label}</span> <span className="score">{t.score.toFixed(2)}</span>
                  <meter min={0} max={1} value={t.score} /> <span className="status">{decided?.status ?? 'suggested'}</span>
                  <button type="button" disabled={decided?.status === 'accepted'} onClick={() => void decideTag(t, 'accepted')} aria-label={`Accept tag ${t.label}`}>
                    ✓
                  </button>
                  <button type="button" disabled={decided?.status === 'rejected'} onClick={() => void decideTag(t, 'rejected')} aria-label={`Reject tag ${t.label}`}>
                    ✗
                  </button>
                </li>
              );
            })}
          </ol>
        </>
      )}
      <ul className="image-tags" aria-label="Tags on this image">
        {onImage.map((a) => (
          <li key={a.id}>
            <span className="swatch" style={{ background: labelColor(a.label) }} />
            <span className="label">{a.label}</span> <span className="meta">({sourceText(a)})</span>
            <button type="button" onClick={() => void removeImageTag(a.id)} aria-label={`Remove tag ${a.label}`}>
              ×
            </button>
          </li>
        ))}
      </ul>
      <form
        className="add-tag"
        onSubmit={(e) => {
          e.preventDefault();
          void addImageTag(typed).then((added) => added && setTyped(''));
        }}
      >
        <input aria-label="New tag" placeholder="Add a tag to the image…" value={typed} onChange={(e) => setTyped(e.target.value)} size={16} />
        <button type="submit">Add tag</button>
      </form>
    </section>
  );
}
