export { DB_NAME, openWorkbenchDb, SCHEMA_VERSION, type WorkbenchDb } from './db';
export { StorageFullError } from './errors';
export { addImage, getDisplayBlob, getImageBlob, getThumbnail, hasImage, listImages, type StoredImage, updateImage } from './images';
export { getPrediction, predictionsForRun, putPrediction } from './predictions';
export { readSetting, writeSetting } from './settings';
export { loadJob, saveJob, unfinishedJobs } from './jobs';
export { deleteCheckpoint, loadCheckpoint, saveCheckpoint } from './checkpoints';
export { annotationsOf, applyChange } from './annotations';
export { auditLog, lastAuditEntry } from './audit';
