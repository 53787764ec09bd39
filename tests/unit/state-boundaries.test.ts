// The shape of src/state/ that review cannot keep by eye: no store writes another's state (each follows the project
// context's events instead), the project context depends on no store, and state/ holds no React and no page code.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

const files = [...sources(join(ROOT, 'state')), ...sources(join(ROOT, 'ui'))].map((path) => ({ path: relative(ROOT, path), text: readFileSync(path, 'utf8') }));

describe('src/state boundaries', () => {
  it('has stores to check (the scan reads the real tree)', () => {
    const stores = files.filter((f) => /export const use[A-Z]\w* = create/.test(f.text));
    expect(stores.length).toBeGreaterThan(20);
  });

  it("writes a store's state only in the file that defines it", () => {
    const foreign = files.flatMap((f) =>
      [...f.text.matchAll(/\b(use[A-Z]\w*)\.setState\b/g)].filter(([, store]) => !new RegExp(`export const ${store} = create`).test(f.text)).map(([, store]) => `${f.path} writes ${store}`),
    );
    expect(foreign).toEqual([]);
  });

  it('keeps the project context free of stores, and projects.ts free of other stores', () => {
    const context = files.find((f) => f.path === join('state', 'project-context.ts'))!;
    expect(context.text.match(/from '\.\/[\w-]+'/g) ?? []).toEqual([]);
    const projects = files.find((f) => f.path === join('state', 'projects.ts'))!;
    expect(projects.text.match(/from '\.\/[\w-]+'/g)).toEqual(["from './project-context'"]);
  });

  it('keeps React and the page out of state/: no hooks, no imports from ui/ (they belong to the components)', () => {
    const state = files.filter((f) => f.path.startsWith(`state`));
    const wrong = state.flatMap((f) => [...f.text.matchAll(/from '([^']+)'/g)].map(([, from]) => from!).filter((from) => from === 'react' || from.startsWith('react-') || /(^|\/)ui\//.test(from)).map((from) => `${f.path} imports ${from}`));
    expect(wrong).toEqual([]);
  });
});
