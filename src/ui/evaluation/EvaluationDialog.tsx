import { useEvaluation } from '../../state/evaluation';
import { Modal } from '../common/Modal';
import { EvaluationResults } from './EvaluationResults';
import { EvaluationSetup } from './EvaluationSetup';
import './evaluation.css';

export function EvaluationDialog() {
  const closeDialog = useEvaluation((s) => s.closeDialog);
  return (
    <Modal title="Evaluate a model against reviewed annotations" className="evaluation-dialog" onClose={closeDialog}>
      <EvaluationSetup />
      <EvaluationResults />
    </Modal>
  );
}

/** The toolbar's way in (also the E key); the dialog comes back with the last results. */
export function EvaluateButton() {
  const open = useEvaluation((s) => s.dialogOpen);
  return (
    <>
      <button type="button" onClick={() => void useEvaluation.getState().openDialog()} title="E">
        Evaluate…
      </button>
      {open && <EvaluationDialog />}
    </>
  );
}
