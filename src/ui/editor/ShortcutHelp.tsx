import { useEditor } from '../../state/editor';
import { Modal } from '../common/Modal';
import { SHORTCUTS, type ShortcutGroup } from './shortcuts';

const GROUPS: ShortcutGroup[] = ['Review', 'Edit boxes', 'Images', 'View', 'Detection', 'Evaluation', 'Training'];

/** Every shortcut, from the same table the key handler runs, so the list cannot go stale. */
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
      </div>
    </Modal>
  );
}
