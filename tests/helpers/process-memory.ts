// Resident memory of the browser's renderer processes, read from /proc: what a page and its workers really hold,
// ArrayBuffers included (the JS heap figures leave those out). Linux only, as the test machines are.
import { readdirSync, readFileSync } from 'node:fs';

function parentOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

/** Renderer processes of browsers this test process launched, with their resident size in MB. */
function renderers(): number[] {
  const pids = readdirSync('/proc').filter((n) => /^\d+$/.test(n)).map(Number);
  const mine = (pid: number) => {
    for (let p: number | null = pid, hops = 0; p && p > 1 && hops < 10; p = parentOf(p), hops++) if (p === process.pid) return true;
    return false;
  };
  const sizes: number[] = [];
  for (const pid of pids) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer') || !mine(pid)) continue;
      const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (rss) sizes.push(Number(rss[1]) / 1024);
    } catch {
      // the process ended meanwhile
    }
  }
  return sizes;
}

/** Runs `work` while sampling the largest renderer's resident size; returns it before and at its peak (MB). */
export async function rendererPeak<T>(work: () => Promise<T>): Promise<{ result: T; beforeMb: number; peakMb: number; seconds: number }> {
  const beforeMb = Math.max(0, ...renderers());
  let peakMb = beforeMb;
  const sample = () => (peakMb = Math.max(peakMb, ...renderers()));
  const timer = setInterval(sample, 100);
  const start = performance.now();
  try {
    const result = await work();
    sample();
    return { result, beforeMb, peakMb, seconds: (performance.now() - start) / 1000 };
  } finally {
    clearInterval(timer);
  }
}
