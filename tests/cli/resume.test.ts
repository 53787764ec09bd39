import { spawn } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixturePath, repoRoot } from '../helpers/fixtures';
import { workbench } from '../helpers/workbench';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'resume-cli-'));
  for (const name of ['astronaut.png', 'chelsea.png', 'rocket.jpg']) await copyFile(fixturePath(name), join(dir, name));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Starts the command and kills it (SIGKILL, as a crash or a closed laptop would) once standard error matches. */
function killedAfter(args: string[], wanted: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(repoRoot, 'bin/workbench.js'), ...args], { cwd: repoRoot });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (wanted.test(stderr)) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('exit', () => (wanted.test(stderr) ? resolve(stderr) : reject(new Error(`ended without ${wanted}:\n${stderr}`))));
  });
}

describe('workbench detect keeps finished work', () => {
  it('a killed run keeps each finished image in a sidecar; --resume runs only the rest', async () => {
    const images = ['astronaut.png', 'chelsea.png', 'rocket.jpg'].map((n) => join(dir, n));
    const out = join(dir, 'out.json');
    await killedAfter(['detect', ...images, '--out', out, '--verbose'], /astronaut\.png: 512×512, /);
    expect(existsSync(out)).toBe(false);
    const sidecar = `${out}.progress.jsonl`;
    const lines = (await readFile(sidecar, 'utf8')).trim().split('\n');
    const kept = lines.slice(1).map((l) => JSON.parse(l) as { file: string; detections: { label: string }[] });
    expect(kept.map((k) => k.file)).toContain(images[0]);

    const resumed = await workbench('detect', ...images, '--out', out, '--verbose', '--resume');
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toContain(`resuming from ${sidecar}: ${kept.length} image`);
    expect(resumed.stderr).toContain(`${images[0]}: done by the earlier run`);
    expect(resumed.stderr).not.toContain(`${images[0]}: 512×512`);
    expect(resumed.stderr).toContain(`${images[2]}: 640×427`);
    const coco = JSON.parse(await readFile(out, 'utf8')) as { images: { id: number; file_name: string }[]; annotations: { image_id: number }[]; categories: { id: number; name: string }[] };
    expect(coco.images.map((i) => [i.id, i.file_name])).toEqual(images.map((f, i) => [i + 1, f]));
    const person = coco.categories.find((c) => c.name === 'person')!.id;
    expect(coco.annotations.some((a) => a.image_id === 1 && (a as unknown as { category_id: number }).category_id === person)).toBe(true);
    expect(existsSync(sidecar)).toBe(false); // the output is written: the progress is gone
  });

  it('refuses to resume a run made with other options; --resume needs --out', async () => {
    const out = join(dir, 'other.json');
    const header = JSON.stringify({ kind: 'workbench detect progress', options: '{"model":"something-else"}' });
    await writeFile(`${out}.progress.jsonl`, `${header}\n`);
    const run = await workbench('detect', join(dir, 'chelsea.png'), '--out', out, '--resume');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${out}.progress.jsonl was written by a run with other options`);
    const usage = await workbench('detect', join(dir, 'chelsea.png'), '--resume');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--resume continues a run that writes to --out');
  });
});
