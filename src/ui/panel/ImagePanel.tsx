import { useEffect } from 'react';
import { type Annotation, isImageTag } from '../../domain/annotation';
import { aboveThreshold } from '../../domain/detection';
import type { ImageRecord } from '../../domain/image';
import { tagsOf } from '../../domain/tags';
import { formatBytes } from '../../pwa/storage';
import { useDetection } from '../../state/detection';
import { useReview } from '../../state/review';
import { type SideTab, useWorkspace } from '../../state/workspace';
import { Tabs } from '../common/Tabs';
import { ImageTags } from '../editor/ImageTags';
import { AnnotationsTab } from './AnnotationsTab';
import { ImageTab } from './ImageTab';
import { ModelOutputTab } from './ModelOutputTab';
import './panel.css';

/** One empty list, so a selector that finds nothing returns the same value each time. */
const NONE: readonly Annotation[] = [];

const REVIEW_TEXT = { unreviewed: 'unreviewed', 'in-progress': 'in progress', reviewed: 'reviewed' } as const;

/**
 * The image in the viewer: its name and size, then one tab each for the record (annotations a person decided), what
 * the model said, the image's tags, and the file itself (hashes, metadata, georeference).
 */
export function ImagePanel({ image }: { image: ImageRecord }) {
  const tab = useWorkspace((s) => s.tab);
  const setTab = useWorkspace((s) => s.setTab);
  const result = useDetection((s) => s.results[image.sha256]);
  const shown = useDetection((s) => (result && !result.tags ? aboveThreshold(result.detections, s.scoreThreshold).length : 0));
  const own = useReview((s) => (s.imageSha256 === image.sha256 ? s.annotations : NONE));
  const unsaved = useReview((s) => s.unsaved);
  const boxes = own.filter((a) => !isImageTag(a) && a.status !== 'rejected').length;
  const tags = tagsOf(own).filter((a) => a.status === 'accepted').length;
  // The log is checked whenever an image opens, whichever tab shows.
  useEffect(() => {
    void useReview.getState().checkAudit();
  }, [image.sha256]);
  const tabs: { id: SideTab; label: string; count?: number }[] = [
    { id: 'annotations', label: 'Annotations', count: boxes },
    { id: 'model', label: 'Model output', count: shown },
    { id: 'tags', label: 'Tags', count: tags },
    { id: 'image', label: 'Image' },
  ];
  return (
    <section className="image-panel" aria-label="Image details">
      <header className="image-head">
        <h2 title={image.fileName}>{image.fileName}</h2>
        <p className="meta">
          {image.width} × {image.height} px · {formatBytes(image.bytes)} · <span data-testid="review-status">Image {REVIEW_TEXT[image.review ?? 'unreviewed']}</span>
          {unsaved > 0 && (
            <span className="unsaved" data-testid="unsaved">
              {' '}
              · saving…
            </span>
          )}
        </p>
      </header>
      <Tabs label="Image details" tabs={tabs} active={tab} onChange={setTab}>
        {tab === 'annotations' && <AnnotationsTab image={image} result={result} />}
        {tab === 'model' && <ModelOutputTab image={image} />}
        {tab === 'tags' && <ImageTags image={image} result={result} />}
        {tab === 'image' && <ImageTab image={image} />}
      </Tabs>
    </section>
  );
}
