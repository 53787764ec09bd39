// RGBA buffers for decoded images, handed back once the model has its input and reused by the next image of the
// same size: in Chromium a fresh megabyte-sized array is mapped and zeroed by the system every time (about 3 ms
// at 512 × 512 on this machine, ten times the copy into it), and a batch reads one per image.

const KEPT_PER_SIZE = 8;
const free = new Map<number, Uint8ClampedArray[]>();
const fromHere = new WeakSet<Uint8ClampedArray>();

/** A buffer of `bytes` bytes: a handed-back one where there is one (its old contents still in it), else a new one. */
export function takeBuffer(bytes: number): Uint8ClampedArray {
  const buffer = free.get(bytes)?.pop() ?? new Uint8ClampedArray(bytes);
  fromHere.add(buffer);
  return buffer;
}

/** Hands back a buffer this module gave out; anything else (and a buffer sent away to another thread) is ignored. */
export function giveBack(buffer: Uint8Array | Uint8ClampedArray): void {
  if (!(buffer instanceof Uint8ClampedArray) || !fromHere.has(buffer) || buffer.byteLength === 0) return;
  fromHere.delete(buffer);
  const list = free.get(buffer.byteLength) ?? [];
  if (list.length >= KEPT_PER_SIZE) return;
  list.push(buffer);
  free.set(buffer.byteLength, list);
}
