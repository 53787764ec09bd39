export { DB_NAME, onConnectionClosed, openWorkbenchDb, SCHEMA_VERSION, type WorkbenchDb } from './db';
export { StorageFullError } from './errors';
export { addImage, deleteImage, getDisplayBlob, getImageBlob, getImageToRun, getThumbnail, hasImage, hasImageBytes, listImages, type StoredImage, updateImage, updateImages } from './images';
export { getPrediction, listRuns, predictionsForRun, putPrediction, putPredictions, type StoredRun } from './predictions';
export { readSetting, writeSetting } from './settings';
export { commitJobStep, loadJob, saveJob, unfinishedJobs } from './jobs';
export { deleteCheckpoint, loadCheckpoint, saveCheckpoint } from './checkpoints';
export { allAnnotations, annotationsOf, annotationsOfMany, applyChange, onChangeWritten, StaleChangeError, type WrittenChange } from './annotations';
export { applyChanges } from './bulk-annotations';
export { appendAuditEntries, AUDIT_HEAD_KEY, auditLog, lastAuditEntry, readAuditHead } from './audit';
export { addLabels, readLabelSet, saveLabelSet } from './labels';
export { listSummaries } from './summaries';
export { deleteProject, lastOpenProject, listProjects, rememberOpenProject, saveProject } from './projects';
export { backupProject, type BundleSink, restoreProject } from './backup';
export {
  addLibraryModel,
  type AddResult,
  getLibraryModel,
  libraryModelFiles,
  type LibraryModelRecord,
  listLibraryModels,
  MODEL_LIBRARY_DB_NAME,
  type NewLibraryModel,
  readLibraryFile,
  removeLibraryModel,
  renameLibraryModel,
} from './model-library';
export { areaRunsFor, loadAreaRun, saveAreaRun, unfinishedAreaRuns } from './area-runs';
export { deleteHashList, listHashLists, saveHashList } from './hash-lists';
export { addProjectSigningKey, projectSigningKeys, readSigningKey, saveProjectSigningKeys, saveSigningKey, type StoredSigningKey } from './signing-keys';
export { countEmbeddings, getEmbeddings, putEmbeddings } from './embeddings';
export type { EmbeddingRecord } from './db';
