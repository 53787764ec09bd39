// Serves the built app for browser benches. BUILD_OUT_DIR picks another build folder than dist/ (parallel work).
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { repoRoot } from './report';

export interface Preview {
  url: string;
  stop(): void;
}

export const outDirArgs = (): string[] => (process.env.BUILD_OUT_DIR ? ['--outDir', process.env.BUILD_OUT_DIR] : []);

export async function startPreview(port: number): Promise<Preview> {
  const url = `http://127.0.0.1:${port}/`;
  const args = ['vite', 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort', '--bypass-lock', ...outDirArgs()];
  const server = spawn('npx', args, { cwd: repoRoot, stdio: 'ignore', detached: true });
  const stop = () => {
    if (server.pid) process.kill(-server.pid);
  };
  for (let i = 0; i < 100; i++) {
    if (await fetch(url).then((r) => r.ok, () => false)) return { url, stop };
    await sleep(200);
  }
  stop();
  throw new Error('vite preview did not start');
}
