import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from './fixtures';

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs bin/workbench.js in a child process, as a user would, and collects its exit status and output. */
export async function workbench(...args: string[]): Promise<Run> {
  const bin = join(repoRoot, 'bin/workbench.js');
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [bin, ...args], { cwd: repoRoot, maxBuffer: 64 << 20 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout: string; stderr: string };
    if (typeof e.code !== 'number') throw error;
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
