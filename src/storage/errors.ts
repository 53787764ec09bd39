export class StorageFullError extends Error {
  override name = 'StorageFullError';
}

/** Turns the browser's quota error into one a person understands; other errors pass through. */
export function explainStorageError(error: unknown, what: string): Error {
  const name = (error as { name?: string })?.name;
  if (name === 'QuotaExceededError') {
    return new StorageFullError(`browser storage is full: ${what} was not saved. Free space or delete images, then try again.`);
  }
  return error instanceof Error ? error : new Error(String(error));
}
