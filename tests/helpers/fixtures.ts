import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** The shared test images (astronaut.png, rocket.jpg, …); WORKBENCH_FIXTURES points elsewhere. */
export const fixturesDir = process.env.WORKBENCH_FIXTURES ?? resolve(repoRoot, '../shared/fixtures/images');

/** The installed bundled models, as the app serves them. */
export const modelsDir = resolve(repoRoot, 'public/models');

export const fixturePath = (name: string) => resolve(fixturesDir, name);

export const readFixture = (name: string): Uint8Array => new Uint8Array(readFileSync(fixturePath(name)));
