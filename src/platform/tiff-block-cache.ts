// Decoded TIFF blocks kept for the next window. Tiles of a tiled run overlap (20 % by default) and rarely line up
// with the file's blocks, so without this most blocks are inflated several times: the 2048² mosaic's 25 tiles
// decode 169 of its 256² blocks where it has 64 (`npm run bench -- tiled`).
import type { GeoTIFFImage } from 'geotiff';

type BlockReader = GeoTIFFImage['getTileOrStrip'];

/**
 * Wraps `image.getTileOrStrip` (what geotiff.js' readRasters calls per block) with a cache of the most recently
 * used blocks, `maxBytes` in all. geotiff.js only copies out of a block, so one decoded block can serve many reads.
 */
export function cacheDecodedBlocks(image: GeoTIFFImage, maxBytes: number): void {
  const planar = image.getFileDirectory().getValue('PlanarConfiguration') === 2;
  const blockBytes = image.getTileWidth() * image.getTileHeight() * (planar ? image.getBytesPerPixel() / image.getSamplesPerPixel() : image.getBytesPerPixel());
  const capacity = Math.max(4, Math.floor(maxBytes / Math.max(1, blockBytes)));
  const read: BlockReader = image.getTileOrStrip.bind(image);
  const blocks = new Map<string, ReturnType<BlockReader>>(); // in order of use, least recent first
  image.getTileOrStrip = (x, y, sample, decoder, signal) => {
    const key = `${x},${y},${sample}`;
    let block = blocks.get(key);
    if (block) blocks.delete(key);
    else {
      block = read(x, y, sample, decoder, signal);
      block.catch(() => blocks.delete(key)); // a failed or aborted read is not kept
    }
    blocks.set(key, block);
    if (blocks.size > capacity) blocks.delete(blocks.keys().next().value!);
    return block;
  };
}
