// Where the box labeller chained after the detector is kept (per project): a library classifier's id, or null.
export const RELABEL_SETTING = 'relabelWith';
