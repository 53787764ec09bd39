import { useTraining } from '../../state/training';

/** The labels with their reviewed examples; one with too few is named, unticked and cannot be ticked. */
export function LabelChoice({ disabled }: { disabled: boolean }) {
  const { inventory, chosen, minExamples, toggle, task } = useTraining();
  if (!inventory) return <p className="hint">Counting reviewed examples…</p>;
  const what = task === 'boxes' ? 'boxes' : 'images';
  if (inventory.labels.length === 0) {
    return (
      <p className="hint" role="status">
        No reviewed {task === 'boxes' ? 'boxes' : 'image tags'} yet: accept or draw {task === 'boxes' ? 'boxes' : 'tags'} (or import a dataset), then train.
      </p>
    );
  }
  return (
    <fieldset className="label-choice">
      <legend>Labels (reviewed {what})</legend>
      <ul aria-label="Labels to train">
        {inventory.labels.map((l) => {
          const few = l.examples < minExamples;
          return (
            <li key={l.label}>
              <label>
                <input type="checkbox" checked={chosen.includes(l.label)} disabled={disabled || few} onChange={() => toggle(l.label)} /> {l.label}{' '}
                <span className="count">
                  {l.examples} {l.examples === 1 ? 'example' : 'examples'}
                  {task === 'boxes' ? ` in ${l.images} ${l.images === 1 ? 'image' : 'images'}` : ''}
                </span>
                {few && <span className="left-out"> · fewer than {minExamples}: left out</span>}
              </label>
            </li>
          );
        })}
      </ul>
      {inventory.multiTagged > 0 && (
        <p className="hint">
          {inventory.multiTagged} {inventory.multiTagged === 1 ? 'image has' : 'images have'} more than one tag: a classifier gives one label per image, so they are left out.
        </p>
      )}
      {chosen.length < 2 && (
        <p className="hint" role="status">
          Choose at least two labels with {minExamples} or more examples each: a model needs two classes to tell apart.
        </p>
      )}
    </fieldset>
  );
}
