import { useEvaluation } from '../../state/evaluation';
import { useTraining } from '../../state/training';
import type { Action } from './action';

/** Running models, evaluating them and training them. */
export const RUN: readonly Action[] = [
  { id: 'detect', label: 'detect on this image', group: 'Detection', context: 'image', keys: ['R'], perform: (s) => void (s.current && s.detection.detect(s.current)) },
  { id: 'detect-all', label: 'detect on every image not done yet', group: 'Detection', context: 'app', keys: ['Shift+R'], perform: (s) => void s.detection.detectAll(s.library.images) },
  {
    id: 'pause-batch',
    label: 'pause / resume the batch',
    group: 'Detection',
    context: 'app',
    keys: ['P'],
    enabled: (s) => s.detection.batch !== null,
    perform: (s) => void (s.detection.batch?.status === 'running' ? s.detection.pauseBatch() : s.detection.resumeBatch()),
  },
  { id: 'evaluate', label: 'evaluate a run against the reviewed annotations (the last results come back)', group: 'Evaluation', context: 'app', keys: ['E'], perform: () => void useEvaluation.getState().openDialog() },
  {
    id: 'toggle-marks',
    label: "show or hide the evaluation's marks (TP, FP, missed)",
    group: 'Evaluation',
    context: 'app',
    keys: ['K'],
    enabled: () => useEvaluation.getState().outcome !== null,
    perform: () => useEvaluation.getState().toggleMarks(),
  },
  {
    id: 'train',
    label: 'train a box labeller or image classifier from the reviewed annotations (the dialog comes back with its progress)',
    group: 'Training',
    context: 'app',
    keys: ['T'],
    perform: () => void useTraining.getState().openDialog(),
  },
];
