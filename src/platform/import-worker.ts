// Import worker: hashing, header checks and thumbnails (OffscreenCanvas) off the page's thread.
import * as Comlink from 'comlink';
import { importWork } from './import-work';

Comlink.expose(importWork);
