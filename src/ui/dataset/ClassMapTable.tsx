import { dict, own } from '../../domain/dict';
import type { ClassMap } from '../../domain/dataset/training';

interface Props {
  labels: string[];
  map: ClassMap;
  onChange(map: ClassMap): void;
}

/** One row per label: a new name (the same name for several labels merges them) or dropped. */
export function ClassMapTable({ labels, map, onChange }: Props) {
  if (labels.length === 0) return <p className="hint">No labels yet.</p>;
  return (
    <table className="class-map">
      <thead>
        <tr>
          <th>Label</th>
          <th>Export as</th>
          <th>Drop</th>
        </tr>
      </thead>
      <tbody>
        {labels.map((label) => {
          const mapped = own(map, label);
          const dropped = mapped === null;
          return (
            <tr key={label}>
              <td>{label}</td>
              <td>
                <input
                  aria-label={`Export ${label} as`}
                  disabled={dropped}
                  value={dropped ? '' : (mapped ?? label)}
                  onChange={(e) => onChange(dict([...Object.entries(map), [label, e.target.value]]))}
                />
              </td>
              <td>
                <input
                  type="checkbox"
                  aria-label={`Drop ${label}`}
                  checked={dropped}
                  onChange={(e) => {
                    const next = dict<string | null>([...Object.entries(map), [label, null]]);
                    if (!e.target.checked) delete next[label];
                    onChange(next);
                  }}
                />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
