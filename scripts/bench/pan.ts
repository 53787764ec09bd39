// Frame times while panning a 10,000 × 10,000 image with 500 boxes in headless Chromium, through the real app:
// the image is imported through the file chooser and the boxes are drawn with the mouse (N, then drag), so every
// one is a real annotation saved and audited as a person's would be.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { chromium, type Page } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../../tests/helpers/chromium';
import { outDirArgs, startPreview } from './preview';
import { emit, median, repoRoot } from './report';
import { importImages } from './ui';

const PORT = 4341;
const SIZE = 10_000;
const COLUMNS = 25;
const ROWS = 20; // 500 boxes

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const out = Buffer.alloc(8 + data.length + 4);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), 8 + data.length);
  return out;
}

/** A greyscale PNG of SIZE × SIZE: 500-pixel squares in two shades with a fine gradient, so panning has texture. */
function writeBigPng(): string {
  const stride = SIZE + 1;
  const raw = Buffer.alloc(stride * SIZE);
  const rows = [0, 1].map((band) => {
    const row = Buffer.alloc(stride);
    for (let x = 0; x < SIZE; x++) row[1 + x] = (((x / 500) | 0) + band) % 2 ? 180 + (x % 50) : 60 + (x % 50);
    return row;
  });
  for (let y = 0; y < SIZE; y++) rows[((y / 500) | 0) % 2]!.copy(raw, y * stride);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale
  const png = Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw, { level: 6 })), chunk('IEND', new Uint8Array())]);
  const file = join(mkdtempSync(join(tmpdir(), 'bench-pan-')), 'grid-10000.png');
  writeFileSync(file, png);
  return file;
}

/** Screen position of an image pixel at the current zoom (the frame carries the transform). */
async function screenOf(page: Page, x: number, y: number) {
  const frame = (await page.locator('.frame').boundingBox())!;
  const k = frame.width / SIZE;
  return { x: frame.x + x * k, y: frame.y + y * k };
}

/** Draws the 500 boxes on a grid with the mouse, switching label every 50 boxes with the number keys. */
async function drawBoxes(page: Page): Promise<void> {
  const cellW = SIZE / COLUMNS;
  const cellH = SIZE / ROWS;
  for (let i = 0; i < COLUMNS * ROWS; i++) {
    const [col, row] = [i % COLUMNS, Math.floor(i / COLUMNS)];
    const a = await screenOf(page, col * cellW + cellW * 0.1, row * cellH + cellH * 0.1);
    const b = await screenOf(page, col * cellW + cellW * 0.85, row * cellH + cellH * 0.8);
    await page.keyboard.press('n');
    await page.mouse.move(a.x, a.y);
    await page.mouse.down();
    await page.mouse.move(b.x, b.y, { steps: 2 });
    await page.mouse.up();
    // A drawn box asks for its label: the last one used comes first.
    const picker = page.getByRole('dialog', { name: 'Pick a label' });
    await picker.getByRole('option').first().click();
    await picker.waitFor({ state: 'detached' });
    if (i % 50 === 0) await page.keyboard.press(String((i / 50) % 9 + 1));
  }
  await page.getByRole('list', { name: 'Annotations' }).getByRole('listitem').nth(COLUMNS * ROWS - 1).waitFor();
}

const RECORD_FRAMES = `(() => {
  window.frameDeltas = [];
  window.longTasks = [];
  window.recording = true;
  window.taskObserver?.disconnect();
  window.taskObserver = new PerformanceObserver((list) => list.getEntries().forEach((e) => window.longTasks.push(e.duration)));
  window.taskObserver.observe({ type: 'longtask' });
  let last = 0;
  const tick = (t) => {
    window.frameDeltas.push(t - last);
    last = t;
    if (window.recording) requestAnimationFrame(tick);
  };
  requestAnimationFrame((t) => { last = t; requestAnimationFrame(tick); });
})()`;

/** Pans with Space held in many small mouse steps while the page records requestAnimationFrame deltas. */
async function panFrames(page: Page, steps: number): Promise<{ frames: number[]; longTasks: number[] }> {
  const stage = (await page.getByTestId('stage').boundingBox())!;
  // A string, not a function: tsx's name-keeping helpers do not exist in the page.
  await page.evaluate(RECORD_FRAMES);
  const cx = stage.x + stage.width / 2;
  const cy = stage.y + stage.height / 2;
  await page.mouse.move(cx, cy);
  await page.keyboard.down(' ');
  await page.mouse.down();
  for (let i = 0; i < steps; i++) {
    const angle = (i / steps) * Math.PI * 4;
    await page.mouse.move(cx + Math.cos(angle) * stage.width * 0.3, cy + Math.sin(angle) * stage.height * 0.3);
  }
  await page.mouse.up();
  await page.keyboard.up(' ');
  return page.evaluate<{ frames: number[]; longTasks: number[] }>('(() => { window.recording = false; window.taskObserver.disconnect(); return { frames: window.frameDeltas, longTasks: window.longTasks }; })()');
}

function summary({ frames, longTasks }: { frames: number[]; longTasks: number[] }) {
  const deltas = frames.slice(1);
  const sorted = [...deltas].sort((a, b) => a - b);
  return {
    medianMs: median(deltas),
    p95Ms: sorted[Math.floor(sorted.length * 0.95)] ?? 0,
    maxMs: sorted.at(-1) ?? 0,
    frames: deltas.length,
    longTasks: longTasks.length,
    longestTaskMs: Math.max(0, ...longTasks),
  };
}

export async function benchPan(): Promise<void> {
  execFileSync('npx', ['vite', 'build', '--logLevel', 'error', ...outDirArgs()], { cwd: repoRoot, stdio: 'inherit' });
  const png = writeBigPng();
  const server = await startPreview(PORT);
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(server.url);
    await importImages(page, [png]);
    await page.getByRole('status').filter({ hasText: /^Imported 1 image/ }).waitFor({ timeout: 300_000 });
    await page.locator('.frame img').waitFor();
    await page.getByTestId('engine-status').filter({ hasText: /Running on|error/i }).waitFor({ timeout: 120_000 }); // the label set is seeded from the model's labels
    const seeding = Date.now();
    await drawBoxes(page);
    const seedMs = Date.now() - seeding;
    const boxes = await page.locator('svg.overlay g[data-id]').count();

    const fit = summary(await panFrames(page, 240));
    const captionsAtFit = await page.locator('svg.overlay g[data-id] text').count();
    for (let i = 0; i < 12; i++) await page.keyboard.press('+'); // about 1.25^12 ≈ 14.6 × the fitted size
    const zoom = Number(await page.getByTestId('stage').getAttribute('data-zoom'));
    const zoomed = summary(await panFrames(page, 240));
    const captionsZoomed = await page.locator('svg.overlay g[data-id] text').count();
    emit({
      name: 'browser.pan_10k_500_boxes',
      figures: { fit, zoomed, zoomedScale: zoom, boxes, captionsAtFit, captionsZoomed, seedBoxesMs: seedMs },
      note: 'requestAnimationFrame deltas (and main-thread tasks over 50 ms) while panning (Space + drag, 240 mouse steps) a 10,000² image with 500 drawn boxes, at fit and zoomed in; captions are drawn only near the view',
    });
  } catch (error) {
    const shot = join(tmpdir(), 'bench-pan-failure.png');
    await browser.contexts()[0]?.pages()[0]?.screenshot({ path: shot }).catch(() => undefined);
    throw new Error(`bench pan failed (screenshot: ${shot}): ${(error as Error).message}`, { cause: error });
  } finally {
    await browser.close();
    server.stop();
  }
}
