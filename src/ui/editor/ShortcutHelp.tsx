import { useEditor } from '../../state/editor';
import { SHORTCUTS, type ShortcutGroup } from './shortcuts';

const GROUPS: ShortcutGroup[] = ['Review', 'Edit boxes', 'Images', 'View', 'Detection', 'Evaluation', 'Training'];

/** Every shortcut, from the same table the key handler runs, so the list cannot go stale. */
export function ShortcutHelp() {
  const close = () => useEditor.getState().setHelpOpen(false);
  return (
    <div className="shortcut-help" role="dialog" aria-label="Keyboard shortcuts" onClick={close}>
      <div className="shortcut-sheet" onClick={(e) => e.stopPropagation()}>
        <h2>Keyboard and mouse</h2>
        {GROUPS.map((group) => (
          <section key={group}>
            <h3>{group}</h3>
            <dl>
              {SHORTCUTS.filter((s) => s.group === group).map((s) => (
                <div key={s.keys}>
                  <dt>
                    <kbd>{s.keys}</kbd>
                  </dt>
                  <dd>{s.does}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
        <p className="hint">Keys do nothing while you type in a text field. Esc or a click outside closes this list.</p>
      </div>
    </div>
  );
}
