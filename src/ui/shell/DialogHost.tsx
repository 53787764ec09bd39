import { useDialogs } from '../../state/dialogs';
import { useEditor } from '../../state/editor';
import { useEvaluation } from '../../state/evaluation';
import { LargeRunDialog } from '../batch/LargeRunDialog';
import { ShortcutHelp } from '../editor/ShortcutHelp';
import { EvaluationDialog } from '../evaluation/EvaluationDialog';
import { DIALOGS } from './dialog-table';

/** The open dialog, if any; dialogs with a store of their own (evaluation, a large run, the shortcut list) too. */
export function DialogHost() {
  const open = useDialogs((s) => s.open);
  const close = useDialogs((s) => s.close);
  const evaluating = useEvaluation((s) => s.dialogOpen);
  const helpOpen = useEditor((s) => s.helpOpen);
  const Dialog = open ? DIALOGS[open] : undefined;
  return (
    <>
      {Dialog && <Dialog onClose={close} />}
      {evaluating && <EvaluationDialog />}
      {helpOpen && <ShortcutHelp />}
      <LargeRunDialog />
    </>
  );
}
