import { useEditor } from '../../state/editor';
import { labelColor } from '../viewer/colors';

/** Per-class show/hide of what is drawn (and can be clicked); the labels are those present on this image. */
export function ClassFilter({ labels }: { labels: readonly string[] }) {
  const hidden = useEditor((s) => s.hidden);
  const toggle = useEditor((s) => s.toggleHidden);
  const present = [...new Set(labels)].sort();
  if (present.length === 0) return null;
  return (
    <fieldset className="class-filter" aria-label="Show classes">
      {present.map((label) => (
        <label key={label}>
          <input type="checkbox" checked={!hidden.has(label)} onChange={() => toggle(label)} />
          <span className="swatch" style={{ background: labelColor(label) }} />
          {label}
        </label>
      ))}
    </fieldset>
  );
}
