import { useEffect, useState } from 'react';
import { matchLabels, normaliseLabel } from '../../domain/labels';
import { useEditor } from '../../state/editor';
import { labelSet, relabelSelected } from '../../state/editor-edits';
import { labelColor } from '../viewer/colors';

/** Type-ahead label choice for the selected box: ↑/↓ and Enter, Esc closes; a name not in the set can be added. */
export function LabelPicker() {
  const labels = useEditor((s) => s.labels);
  const close = () => useEditor.getState().setPickerOpen(false);
  const [typed, setTyped] = useState('');
  const [index, setIndex] = useState(0);
  useEffect(() => {
    void labelSet();
  }, []);
  const name = normaliseLabel(typed);
  const options = matchLabels(labels, typed).slice(0, 12);
  const isNew = name !== '' && !labels.includes(name);
  const choices = isNew ? [...options, name] : options;
  const active = Math.min(index, choices.length - 1);

  const pick = (label: string) => {
    close();
    void relabelSelected(label);
  };

  return (
    <div className="label-picker" role="dialog" aria-label="Pick a label">
      <input
        autoFocus
        aria-label="Label"
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
          else if (e.key === 'Escape') close();
          else return;
          e.preventDefault();
          e.stopPropagation();
        }}
      />
      <ul role="listbox" aria-label="Labels">
        {choices.map((label, i) => (
          <li
            key={label}
            role="option"
            aria-selected={i === active}
            onMouseDown={(e) => {
              e.preventDefault(); // keep the input focused until the pick
              pick(label);
            }}
          >
            <span className="swatch" style={{ background: labelColor(label) }} />
            {isNew && i === choices.length - 1 ? `Add “${label}” to the label set` : label}
          </li>
        ))}
      </ul>
    </div>
  );
}
