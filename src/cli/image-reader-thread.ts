// The image reader thread: reads, hashes (node:crypto) and decodes (sharp) input files and brings an image that
// the model sees whole down to the model's input size, so the main thread only runs the model. A TIFF is only
// hashed here, streamed; the main thread reads its windows by byte ranges.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { isTiff } from '../domain/image-header';
import { wholeImageRead } from '../domain/model-input';
import { cropRgba, resampleRgba } from '../domain/raster-source';
import { shouldTile } from '../domain/tiling';
import { decodeImageFast } from './decode-fast';
import type { ReaderImage, ReaderReply, ReaderRequest } from './image-reader';
import { readFileHead, readInputFile } from './read-file';

function sha256OfFile(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

async function read({ path, plan }: ReaderRequest): Promise<ReaderImage> {
  const t0 = performance.now();
  if (isTiff(await readFileHead(path, 4))) return { kind: 'tiff', sha256: await sha256OfFile(path) };
  const bytes = await readInputFile(path);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const t1 = performance.now();
  const { header, pixels } = await decodeImageFast(bytes);
  const { width, height } = pixels;
  const t2 = performance.now();
  const stages = { readMs: t1 - t0, decodeMs: t2 - t1, resizeMs: 0 };
  const tiled = plan && (plan.tiling === 'tiled' || (plan.tiling === 'auto' && shouldTile(width, height, plan.input)));
  if (!plan || tiled) return { kind: 'decoded', sha256, header, width, height, pixels, stages };
  const read = wholeImageRead(width, height, plan.input, plan.resize);
  const whole = read.window.w === width && read.window.h === height;
  const part = resampleRgba(whole ? pixels : cropRgba(pixels, read.window), read.width, read.height);
  stages.resizeMs = performance.now() - t2;
  return { kind: 'decoded', sha256, header, width, height, window: read.window, pixels: part, stages };
}

parentPort!.on('message', (request: ReaderRequest) => {
  read(request).then(
    (image) => {
      const reply: ReaderReply = { id: request.id, image };
      const buffer = image.kind === 'decoded' ? (image.pixels.data.buffer as ArrayBuffer) : undefined;
      parentPort!.postMessage(reply, buffer ? [buffer] : []);
    },
    (error: unknown) => {
      const reply: ReaderReply = { id: request.id, error: { message: error instanceof Error ? error.message : String(error), name: error instanceof Error ? error.name : 'Error' } };
      parentPort!.postMessage(reply);
    },
  );
});
