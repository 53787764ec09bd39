import { useEditor } from '../../state/editor';
import { useReview } from '../../state/review';
import './editor.css';
import { LabelPicker } from './LabelPicker';

const HINTS = { select: null, draw: 'Drawing: drag a box (Esc to stop)', pan: 'Panning: drag the image (V to select)' } as const;

/** What floats over the stage: the zoom, the tool's hint, why an edit was refused, and the label picker. */
export function EditorOverlays() {
  const view = useEditor((s) => s.view);
  const tool = useEditor((s) => s.tool);
  const pickerOpen = useEditor((s) => s.pickerOpen);
  const refused = useReview((s) => s.refused);
  return (
    <>
      <div className="editor-hud">
        {view && (
          <span className="zoom" data-testid="zoom" title="Zoom (+, -, 0 fits)">
            {Math.round(view.scale * 100)} %
          </span>
        )}
        {HINTS[tool] && <span className="tool-hint">{HINTS[tool]}</span>}
        {refused && (
          <span className="refused" role="status">
            Not done: {refused}
          </span>
        )}
      </div>
      {pickerOpen && <LabelPicker />}
    </>
  );
}
