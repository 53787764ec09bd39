import { describe, expect, it } from 'vitest';
import { giveBack, takeBuffer } from '../../src/platform/pixel-buffers';

describe('pixel buffers', () => {
  it('gives a handed-back buffer to the next read of the same size, and a new one for another size', () => {
    const first = takeBuffer(64);
    giveBack(first);
    expect(takeBuffer(64)).toBe(first);
    expect(takeBuffer(64)).not.toBe(first); // given out again, so no longer free
    expect(takeBuffer(128).byteLength).toBe(128);
  });

  it('hands a buffer out once however often it is handed back', () => {
    const buffer = takeBuffer(32);
    giveBack(buffer);
    giveBack(buffer);
    const a = takeBuffer(32);
    const b = takeBuffer(32);
    expect(a).toBe(buffer);
    expect(b).not.toBe(buffer);
  });

  it('ignores arrays it did not give out (a canvas read, a cached window) and buffers sent to another thread', () => {
    const foreign = new Uint8ClampedArray(16);
    giveBack(foreign);
    expect(takeBuffer(16)).not.toBe(foreign);
    const sent = takeBuffer(48);
    structuredClone(sent.buffer, { transfer: [sent.buffer] }); // detached, as after a transfer
    giveBack(sent);
    expect(takeBuffer(48).byteLength).toBe(48);
  });
});
