import { useEffect, useId, useRef, useState } from 'react';
import { normaliseLabel, pickerChoices } from '../../domain/labels';
import { useEditor } from '../../state/editor';
import { drawBox, labelSet, relabelSelected } from '../../state/editor-edits';
import { useReview } from '../../state/review';
import { labelColor } from '../viewer/colors';

/** Gives the new box (or the selected one) its label and closes the picker. */
function pick(label: string): void {
  const editor = useEditor.getState();
  const box = editor.pendingBox;
  editor.setPickerOpen(false);
  void (box ? drawBox(box, label) : relabelSelected(label));
}

/**
 * Type-ahead label choice, for the selected box or for a box just drawn (which is made only once it has a label):
 * ↑/↓ and Enter, Esc closes; the labels given last come first; a name not in the set can be added.
 */
export function LabelPicker() {
  const labels = useEditor((s) => s.labels);
  const recent = useEditor((s) => s.recentLabels);
  const pendingBox = useEditor((s) => s.pendingBox);
  const [typed, setTyped] = useState('');
  const [index, setIndex] = useState(0);
  const listId = useId();
  const [loaded, setLoaded] = useState(false);
  // Enter pressed before the project's labels were read (the first box of a session) picks the first once they are.
  const enterWaiting = useRef(false);
  useEffect(() => {
    void labelSet().finally(() => {
      setLoaded(true);
      if (!enterWaiting.current) return;
      enterWaiting.current = false;
      const { labels, recentLabels, pickerOpen } = useEditor.getState();
      const first = pickerChoices(labels, '', recentLabels)[0];
      if (first && pickerOpen) pick(first);
    });
  }, []);
  const name = normaliseLabel(typed);
  const options = pickerChoices(labels, typed, recent).slice(0, 12);
  const isNew = name !== '' && !labels.includes(name);
  const choices = isNew ? [...options, name] : options;
  const active = Math.min(index, choices.length - 1);

  // Read from the store, not this render: a blur while the picker goes away after a pick must not cancel anything.
  const close = () => {
    const editor = useEditor.getState();
    if (!editor.pickerOpen) return;
    if (editor.pendingBox) useReview.getState().refuse('the new box got no label, so it was not made');
    editor.setPickerOpen(false);
  };

  return (
    <div className="label-picker" role="dialog" aria-label="Pick a label">
      <p className="picker-title">{pendingBox ? 'Label for the new box' : 'Label for the selected box'}</p>
      <input
        autoFocus
        aria-label="Label"
        role="combobox"
        aria-expanded={choices.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        {...(choices[active] ? { 'aria-activedescendant': `${listId}-${active}` } : {})}
        placeholder="Type a label…"
        value={typed}
        onChange={(e) => {
          setTyped(e.target.value);
          setIndex(0);
        }}
        onBlur={close}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') setIndex(Math.min(active + 1, choices.length - 1));
          else if (e.key === 'ArrowUp') setIndex(Math.max(active - 1, 0));
          else if (e.key === 'Enter' && choices[active]) pick(choices[active]);
          else if (e.key === 'Enter') enterWaiting.current = !loaded; // never the app's Enter (accept a suggestion)
          else if (e.key === 'Escape') close();
          else return;
          e.preventDefault();
          e.stopPropagation();
        }}
      />
      <ul role="listbox" aria-label="Labels" id={listId}>
        {choices.map((label, i) => (
          <li
            key={label}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === active}
            onMouseDown={(e) => {
              e.preventDefault(); // keep the input focused until the pick
              pick(label);
            }}
          >
            <span className="swatch" style={{ background: labelColor(label) }} />
            {isNew && i === choices.length - 1 ? `Add “${label}” to the label set` : label}
            {!typed && recent.includes(label) && (
              <span className="recent" aria-hidden="true">
                recent
              </span>
            )}
          </li>
        ))}
      </ul>
      <p className="picker-hint">↑ ↓ Enter · Esc {pendingBox ? 'discards the box' : 'closes'}</p>
    </div>
  );
}
