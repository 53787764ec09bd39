import { readFileSync, writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { fixturePath } from '../fixtures';

/** horse.png mirrored left to right: the same content, boxes known from the original's. */
export function writeMirroredHorse(path: string): void {
  const png = PNG.sync.read(readFileSync(fixturePath('horse.png')));
  const out = new PNG({ width: png.width, height: png.height });
  for (let y = 0; y < png.height; y++) {
    for (let x = 0; x < png.width; x++) {
      png.data.copy(out.data, (y * png.width + (png.width - 1 - x)) * 4, (y * png.width + x) * 4, (y * png.width + x) * 4 + 4);
    }
  }
  writeFileSync(path, PNG.sync.write(out));
}
