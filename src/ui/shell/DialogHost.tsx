import { useDialogs } from '../../state/dialogs';
import { useEditor } from '../../state/editor';
import { useEvaluation } from '../../state/evaluation';
import { useTraining } from '../../state/training';
import { LargeRunDialog } from '../batch/LargeRunDialog';
import { ShortcutHelp } from '../editor/ShortcutHelp';
import { EvaluationDialog } from '../evaluation/EvaluationDialog';
import { TrainDialog } from '../training/TrainDialog';
import { DIALOGS } from './dialog-table';

/** The open dialog, if any; dialogs with a store of their own (evaluation, training, a large run, the shortcut list) too. */
export function DialogHost() {
  const open = useDialogs((s) => s.open);
  const close = useDialogs((s) => s.close);
  const evaluating = useEvaluation((s) => s.dialogOpen);
  const training = useTraining((s) => s.dialogOpen);
  const helpOpen = useEditor((s) => s.helpOpen);
  const Dialog = open ? DIALOGS[open] : undefined;
  return (
    <>
      {Dialog && <Dialog onClose={close} />}
      {evaluating && <EvaluationDialog />}
      {training && <TrainDialog />}
      {helpOpen && <ShortcutHelp />}
      <LargeRunDialog />
    </>
  );
}
