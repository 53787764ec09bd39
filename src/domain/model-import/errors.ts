/** A model that cannot be added as given: the message names the file or field and what is wrong. Nothing is stored. */
export class ModelImportError extends Error {
  override name = 'ModelImportError';
}
