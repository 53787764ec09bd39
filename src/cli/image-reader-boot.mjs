// Entry of the image reader thread: a worker thread does not inherit the TypeScript loader bin/workbench.js
// registered, so the thread's module is imported through tsx here.
import { tsImport } from 'tsx/esm/api';

await tsImport('./image-reader-thread.ts', import.meta.url);
