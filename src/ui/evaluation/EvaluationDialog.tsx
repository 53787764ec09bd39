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
