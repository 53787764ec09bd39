import { roughDuration } from '../../domain/duration';

/** From this many tiles on, a run says how many and how long before it starts, and how far it got as it goes. */
export const REPORTED_TILES = 100;

/**
 * Progress of a large tiled run on standard error: the tile count and an estimate (from the warm-up run) first,
 * then a line after the first tile and at every percent, with the time left at the rate seen so far.
 */
export function tileReporter(file: string, total: number, about: { width: number; height: number; tileSize: number; overlap: number; msPerTile: number }, say: (line: string) => void) {
  const n = (value: number) => value.toLocaleString('en');
  say(
    `workbench: ${file}: ${n(about.width)} × ${n(about.height)} px: ${n(total)} tiles of ${about.tileSize} px (overlap ${about.overlap}), ` +
      `${roughDuration((total * about.msPerTile) / 1000)} at ${Math.round(about.msPerTile)} ms per tile`,
  );
  const start = performance.now();
  let reported = 0;
  return ({ done }: { done: number }) => {
    // The first tile shows the run is under way (and its real pace); after it, one line per percent.
    const percent = Math.floor((done * 100) / total);
    if (done !== 1 && percent === reported) return;
    reported = percent;
    const left = ((performance.now() - start) / done) * (total - done);
    say(`workbench: ${file}: ${n(done)} / ${n(total)} tiles (${percent} %)${done < total ? `, ${roughDuration(left / 1000)} left` : ''}`);
  };
}
