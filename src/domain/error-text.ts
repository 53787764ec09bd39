/**
 * What went wrong, in words, never empty: Chromium's QuotaExceededError (a DOMException) comes without a message,
 * and an error without one is named by its kind.
 */
export function describeError(error: unknown): string {
  const { name, message } = (typeof error === 'object' && error !== null ? error : {}) as { name?: unknown; message?: unknown };
  if (typeof message === 'string' && message.trim() !== '') return message;
  if (name === 'QuotaExceededError') return 'browser storage is full (QuotaExceededError): free space or delete images';
  if (typeof name === 'string' && name !== '' && name !== 'Error') return `${name} (the browser gave no message)`;
  const text = String(error);
  return text && text !== 'Error' && text !== '[object Object]' ? text : 'an error without a message';
}
