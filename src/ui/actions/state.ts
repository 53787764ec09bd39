import { isImageTag } from '../../domain/annotation';
import { isFromResult } from '../../domain/annotation-ops';
import { useDetection } from '../../state/detection';
import { useEditor } from '../../state/editor';
import { useLibrary } from '../../state/library';
import { useReview } from '../../state/review';
import { onCanvasOrPage } from '../common/focus-keys';
import type { ActionContext } from './action';

/** What actions read, taken from the stores once per key press or click. */
export function actionState(focus: EventTarget | null) {
  const library = useLibrary.getState();
  const detection = useDetection.getState();
  const review = useReview.getState();
  const editor = useEditor.getState();
  const current = library.images.find((i) => i.sha256 === library.selected);
  const result = current && detection.results[current.sha256];
  const loaded = Boolean(current && review.imageSha256 === current.sha256);
  const reviewing = loaded && review.annotations.some((a) => !isImageTag(a));
  const selected = reviewing ? review.annotations.find((a) => a.id === review.selectedId) : undefined;
  // The model's boxes for this image are not suggestions yet: Enter makes them so.
  const resultWaiting = loaded && Boolean(result && !result.tags && !review.annotations.some((a) => isFromResult(a, result)));
  return { library, detection, review, editor, current, result, reviewing, selected, resultWaiting, focusOnCanvas: onCanvasOrPage(focus) };
}

export type ActionState = ReturnType<typeof actionState>;

/** The contexts that hold now. */
export function activeContexts(s: ActionState): Set<ActionContext> {
  const active = new Set<ActionContext>(['app']);
  if (s.editor.tool !== 'select') active.add('tool');
  if (s.resultWaiting) active.add('result-waiting');
  if (s.selected) active.add('box-selected');
  if (s.reviewing) active.add('reviewing');
  if (s.current) active.add('image');
  return active;
}
