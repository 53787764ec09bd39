import { isImageTag } from '../../domain/annotation';
import { isFromResult } from '../../domain/annotation-ops';
import { useDetection } from '../../state/detection';
import { useEditor } from '../../state/editor';
import { useEvaluation } from '../../state/evaluation';
import { copyPrevious, deleteSelected, moveSelected, relabelByNumber } from '../../state/editor-edits';
import { viewOrder } from '../../state/gallery';
import { useLibrary } from '../../state/library';
import { useMapView } from '../../state/map-view';
import { cycleWraps, useReview } from '../../state/review';
import { useTraining } from '../../state/training';

/** What a key handler needs to know, read once per key press. */
function context() {
  const library = useLibrary.getState();
  const detection = useDetection.getState();
  const review = useReview.getState();
  const editor = useEditor.getState();
  const current = library.images.find((i) => i.sha256 === library.selected);
  const result = current && detection.results[current.sha256];
  const reviewing = Boolean(current && review.imageSha256 === current.sha256 && review.annotations.some((a) => !isImageTag(a)));
  const selected = reviewing ? review.annotations.find((a) => a.id === review.selectedId) : undefined;
  return { library, detection, review, editor, current, result, reviewing, selected };
}

type Context = ReturnType<typeof context>;

export type ShortcutGroup = 'Images' | 'Review' | 'Edit boxes' | 'View' | 'Detection' | 'Evaluation' | 'Training';

/**
 * One shortcut: how the `?` overlay lists it, and, for keys, when it applies and what it does. Entries without `run`
 * are mouse gestures the overlay lists (the viewer handles them). The first entry that applies to a key wins.
 */
export interface Shortcut {
  keys: string;
  does: string;
  group: ShortcutGroup;
  /** With Ctrl (or ⌘) held; otherwise the entry applies only without them. */
  ctrl?: boolean;
  applies?(e: KeyboardEvent, c: Context): boolean;
  run?(e: KeyboardEvent, c: Context): void;
}

const key = (...names: string[]) => (e: KeyboardEvent) => names.includes(e.key);
const ARROWS: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };

export const SHORTCUTS: readonly Shortcut[] = [
  { keys: 'Ctrl+Z', does: 'undo (every kind of edit, bulk ones too)', group: 'Edit boxes', ctrl: true, applies: (e) => e.key.toLowerCase() === 'z' && !e.shiftKey, run: (_, c) => void c.review.undo() },
  { keys: 'Ctrl+Shift+Z / Ctrl+Y', does: 'redo', group: 'Edit boxes', ctrl: true, applies: (e) => (e.key.toLowerCase() === 'z' && e.shiftKey) || e.key.toLowerCase() === 'y', run: (_, c) => void c.review.redo() },
  { keys: 'Ctrl+Shift+V', does: "copy the previous image's boxes onto this one", group: 'Edit boxes', ctrl: true, applies: (e, c) => e.key.toLowerCase() === 'v' && e.shiftKey && Boolean(c.current), run: () => void copyPrevious() },

  { keys: '?', does: 'show or hide this list', group: 'View', applies: key('?'), run: (_, c) => c.editor.setHelpOpen(!c.editor.helpOpen) },
  {
    keys: 'Esc',
    does: 'back to the select tool, unselect the box; else cancel the batch or import',
    group: 'View',
    applies: key('Escape'),
    run: (_, c) => {
      if (c.editor.tool !== 'select' || c.editor.helpOpen) {
        c.editor.setTool('select');
        c.editor.setHelpOpen(false);
      } else if (c.selected) {
        c.review.select(null);
      } else {
        void c.detection.cancelBatch();
        c.library.cancelImport();
      }
    },
  },
  { keys: '+ / -', does: 'zoom in / out', group: 'View', applies: key('+', '=', '-'), run: (e, c) => c.editor.zoom(e.key === '-' ? 1 / 1.25 : 1.25) },
  { keys: '0', does: 'fit the image', group: 'View', applies: key('0'), run: (_, c) => c.editor.fit() },
  { keys: 'M', does: 'the map of the project, and back (click a box there to open its image at it)', group: 'View', applies: key('m', 'M'), run: () => useMapView.getState().toggle() },
  { keys: 'Wheel', does: 'zoom at the pointer', group: 'View' },
  { keys: 'Space + drag, middle button drag', does: 'pan', group: 'View' },

  {
    keys: 'Arrows (Shift: ×10)',
    does: 'move the selected box by a pixel',
    group: 'Edit boxes',
    applies: (e, c) => e.key in ARROWS && Boolean(c.selected),
    run: (e) => {
      const [dx, dy] = ARROWS[e.key]!;
      const step = e.shiftKey ? 10 : 1;
      void moveSelected(dx * step, dy * step);
    },
  },
  { keys: 'Click, drag', does: 'select a box, move it', group: 'Edit boxes' },
  { keys: 'Drag a corner or edge', does: 'resize the selected box', group: 'Edit boxes' },
  { keys: 'V', does: 'the select tool: click a box to select it, drag to move it', group: 'Edit boxes', applies: (e, c) => e.key.toLowerCase() === 'v' && Boolean(c.current), run: (_, c) => c.editor.setTool('select') },
  { keys: 'N, then drag', does: 'draw a new box, then pick its label (the labels given last come first)', group: 'Edit boxes', applies: (e, c) => e.key.toLowerCase() === 'n' && Boolean(c.current), run: (_, c) => c.editor.setTool(c.editor.tool === 'draw' ? 'select' : 'draw') },
  { keys: 'H', does: 'the pan tool: drag to move the image', group: 'View', applies: (e, c) => e.key.toLowerCase() === 'h' && Boolean(c.current), run: (_, c) => c.editor.setTool(c.editor.tool === 'pan' ? 'select' : 'pan') },
  { keys: '1 – 9', does: 'give the selected box one of the first nine labels', group: 'Edit boxes', applies: (e, c) => /^[1-9]$/.test(e.key) && Boolean(c.selected), run: (e) => void relabelByNumber(Number(e.key)) },
  { keys: 'L, double-click', does: 'pick a label by typing (a new one joins the set)', group: 'Edit boxes', applies: (e, c) => e.key.toLowerCase() === 'l' && Boolean(c.selected), run: (_, c) => c.editor.setPickerOpen(true) },
  { keys: 'Delete / X', does: "reject the selected suggestion (a person's own box is deleted)", group: 'Edit boxes', applies: (e, c) => (e.key === 'Delete' || e.key === 'x') && c.reviewing, run: () => void deleteSelected() },

  { keys: 'Enter', does: 'turn the detections into suggestions; then accept the selected one', group: 'Review', applies: (e) => e.key === 'Enter' && !e.shiftKey, run: (_, c) => enter(c) },
  {
    keys: 'Tab / Shift+Tab',
    does: 'next / previous box (on the canvas; past the last box the focus moves on)',
    group: 'Review',
    applies: (e, c) => e.key === 'Tab' && c.reviewing && !cycleWraps(e.shiftKey ? -1 : 1),
    run: (e, c) => c.review.cycle(e.shiftKey ? -1 : 1),
  },
  { keys: 'Shift+Enter', does: 'mark the image reviewed and go to the next unreviewed one', group: 'Review', applies: (e) => e.key === 'Enter' && e.shiftKey, run: (_, c) => void c.library.reviewedAndNext(viewOrder()) },
  { keys: 'U', does: 'next unreviewed image', group: 'Images', applies: key('u'), run: (_, c) => void c.library.nextUnreviewed(viewOrder()) },
  { keys: 'F / →', does: 'next image (→ moves the box while one is selected)', group: 'Images', applies: key('f', 'ArrowRight'), run: (_, c) => c.library.step(1, viewOrder()) },
  { keys: 'D / ←', does: 'previous image', group: 'Images', applies: key('d', 'ArrowLeft'), run: (_, c) => c.library.step(-1, viewOrder()) },

  { keys: 'R', does: 'detect on this image', group: 'Detection', applies: (e, c) => e.key === 'r' && Boolean(c.current), run: (_, c) => void c.detection.detect(c.current!) },
  { keys: 'Shift+R', does: 'detect on every image not done yet', group: 'Detection', applies: key('R'), run: (_, c) => void c.detection.detectAll(c.library.images) },
  {
    keys: 'P',
    does: 'pause / resume the batch',
    group: 'Detection',
    applies: (e, c) => e.key === 'p' && Boolean(c.detection.batch),
    run: (_, c) => void (c.detection.batch!.status === 'running' ? c.detection.pauseBatch() : c.detection.resumeBatch()),
  },

  { keys: 'E', does: 'evaluate a run against the reviewed annotations (the last results come back)', group: 'Evaluation', applies: key('e'), run: () => void useEvaluation.getState().openDialog() },
  { keys: 'K', does: "show or hide the evaluation's marks (TP, FP, missed)", group: 'Evaluation', applies: (e) => e.key === 'k' && useEvaluation.getState().outcome !== null, run: () => useEvaluation.getState().toggleMarks() },
  { keys: 'T', does: 'train a box labeller or image classifier from the reviewed annotations (the dialog comes back with its progress)', group: 'Training', applies: key('t'), run: () => void useTraining.getState().openDialog() },
];

/** Enter suggests the model's boxes when this image has none of them yet, and accepts the selected box after that. */
function enter(c: Context): void {
  const { current, result } = c;
  const suggested = result && c.review.annotations.some((a) => isFromResult(a, result));
  if (current && result && !result.tags && !suggested && c.review.imageSha256 === current.sha256) void c.review.suggest(current.sha256, result, c.detection.scoreThreshold);
  else if (c.reviewing) void c.review.acceptSelected();
}

/** Runs the first shortcut that applies to the key; returns whether one did. */
export function runShortcut(e: KeyboardEvent): boolean {
  const ctrl = e.ctrlKey || e.metaKey;
  const c = context();
  const hit = SHORTCUTS.find((s) => s.run && Boolean(s.ctrl) === ctrl && s.applies?.(e, c));
  hit?.run?.(e, c);
  return Boolean(hit);
}
