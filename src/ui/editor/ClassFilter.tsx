import { useEditor } from '../../state/editor';
import { useReview } from '../../state/review';
import { labelColor } from '../viewer/colors';

/** Per-class show/hide of what is drawn (and can be clicked); the labels are those present on this image. */
export function ClassFilter({ labels }: { labels: readonly string[] }) {
  const hidden = useEditor((s) => s.hidden);
  const toggle = useEditor((s) => s.toggleHidden);
  const present = [...new Set(labels)].sort();
  /** A hidden box cannot stay selected: keys would change what nobody sees. */
  const hide = (label: string) => {
    toggle(label);
    const review = useReview.getState();
    const selected = review.annotations.find((a) => a.id === review.selectedId);
    if (selected && useEditor.getState().hidden.has(selected.label)) review.select(null);
  };
  if (present.length === 0) return null;
  return (
    <fieldset className="class-filter" aria-label="Show classes">
      <legend>Show classes</legend>
      {present.map((label) => (
        <label key={label}>
          <input type="checkbox" checked={!hidden.has(label)} onChange={() => hide(label)} />
          <span className="swatch" style={{ background: labelColor(label) }} />
          {label}
        </label>
      ))}
      {hidden.size > 0 && (
        <button type="button" className="link" onClick={() => useEditor.getState().showAll()}>
          Show all
        </button>
      )}
    </fieldset>
  );
}
