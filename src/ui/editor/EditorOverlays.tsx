import { useEditor } from '../../state/editor';
import { useReview } from '../../state/review';
import './editor.css';
import { LabelPicker } from './LabelPicker';
import { ShortcutHelp } from './ShortcutHelp';

/** What floats over the stage: zoom, the drawing hint, why an edit was refused, the label picker, the shortcut list. */
export function EditorOverlays() {
  const { view, tool, pickerOpen, helpOpen, fit, zoom } = useEditor();
  const refused = useReview((s) => s.refused);
  return (
    <>
      <div className="editor-hud">
        {view && (
          <span className="zoom" data-testid="zoom">
            <button type="button" onClick={() => zoom(1 / 1.25)} title="-">
              −
            </button>
            {Math.round(view.scale * 100)} %
            <button type="button" onClick={() => zoom(1.25)} title="+">
              +
            </button>
            <button type="button" onClick={fit} title="0">
              Fit
            </button>
          </span>
        )}
        {tool === 'draw' && <span className="tool-hint">Drawing: drag a box (Esc to stop)</span>}
        {refused && (
          <span className="refused" role="status">
            Not done: {refused}
          </span>
        )}
      </div>
      {pickerOpen && <LabelPicker />}
      {helpOpen && <ShortcutHelp />}
    </>
  );
}
