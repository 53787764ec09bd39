// Evaluation worker: reads reviewed annotations and cached results and computes the figures off the page's thread.
import * as Comlink from 'comlink';
import { evaluationWork } from './evaluation-work';

Comlink.expose(evaluationWork);
