import { useEditor } from '../../state/editor';
import type { ActionGroup } from '../actions/action';
import { ACTIONS, GESTURES } from '../actions';
import { shownKeys } from '../actions/useAction';
import { Modal } from '../common/Modal';

const GROUPS: ActionGroup[] = ['Review', 'Edit boxes', 'Images', 'View', 'Detection', 'Evaluation', 'Training'];

/** Every key and gesture, from the same table the key handler runs, so the list cannot go stale. */
export function ShortcutHelp() {
  const close = () => useEditor.getState().setHelpOpen(false);
  return (
    <Modal
      title="Keyboard shortcuts"
      className="shortcut-help"
      onClose={close}
      footer={
        <>
          <p className="hint footer-status">Keys act on the canvas or the page; a focused field, slider, list or menu keeps its own keys.</p>
          <button type="button" onClick={close}>
            Close
          </button>
        </>
      }
    >
      <div className="shortcut-sheet">
        {GROUPS.map((group) => (
          <section key={group}>
            <h3>{group}</h3>
            <dl>
              {[
                ...ACTIONS.filter((a) => a.group === group).map((a) => ({ id: a.id, keys: shownKeys(a.id), label: a.label })),
                ...GESTURES.filter((g) => g.group === group).map((g) => ({ id: g.keys, keys: g.keys, label: g.label })),
              ].map((row) => (
                <div key={row.id}>
                  <dt>
                    <kbd>{row.keys}</kbd>
                  </dt>
                  <dd>{row.label}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
    </Modal>
  );
}
