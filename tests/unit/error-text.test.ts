import { describe, expect, it } from 'vitest';
import { describeError } from '../../src/domain/error-text';
import { explainStorageError, StorageFullError } from '../../src/storage/errors';

describe('every error shown has a message', () => {
  it("Chromium's QuotaExceededError comes without one: it is named, and storage explains it", () => {
    const quota = new DOMException('', 'QuotaExceededError');
    expect(quota.message).toBe('');
    expect(describeError(quota)).toBe('browser storage is full (QuotaExceededError): free space or delete images');
    const explained = explainStorageError(quota, 'the setting “x”');
    expect(explained).toBeInstanceOf(StorageFullError);
    expect(describeError(explained)).toBe('browser storage is full: the setting “x” was not saved. Free space or delete images, then try again.');
  });

  it('other errors without a message are named by their kind; messages pass through', () => {
    expect(describeError(new DOMException('', 'AbortError'))).toBe('AbortError (the browser gave no message)');
    expect(describeError(new Error(''))).toBe('an error without a message');
    expect(describeError({})).toBe('an error without a message');
    expect(describeError('plain text')).toBe('plain text');
    expect(describeError(new TypeError('e.trim is not a function'))).toBe('e.trim is not a function');
  });
});
