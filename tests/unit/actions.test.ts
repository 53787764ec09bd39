import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Action, ActionContext } from '../../src/ui/actions/action';
import { ACTIONS, actionById, findAction, keyConflicts } from '../../src/ui/actions';
import { matches, parseChord } from '../../src/ui/actions/keys';
import { actionButton } from '../../src/ui/actions/useAction';
import { ToolRail } from '../../src/ui/viewer/ToolRail';

const press = (key: string, mods: { shift?: boolean; ctrl?: boolean } = {}) => ({ key, shiftKey: Boolean(mods.shift), ctrlKey: Boolean(mods.ctrl), metaKey: false });
const active = (...contexts: ActionContext[]) => new Set<ActionContext>([...contexts, 'app']);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('the action table', () => {
  it('gives each key press in a context to one action at most', () => {
    expect(keyConflicts()).toEqual([]);
    const clash: Action[] = [
      { id: 'a', label: 'a', group: 'View', context: 'image', keys: ['R'], perform: () => {} },
      { id: 'b', label: 'b', group: 'View', context: 'image', keys: ['Shift+Q', 'r'], perform: () => {} },
      { id: 'c', label: 'c', group: 'View', context: 'app', keys: ['R'], perform: () => {} },
    ];
    expect(keyConflicts(clash)).toEqual(['a and b both take R (r) in image']);
    // A symbol is the same key with or without Shift.
    expect(keyConflicts([clash[0]!, { ...clash[0]!, id: 'd', keys: ['?'] }, { ...clash[0]!, id: 'e', keys: ['Shift+?'] }])).toHaveLength(1);
  });

  it('has one id per action', () => {
    expect(new Set(ACTIONS.map((a) => a.id)).size).toBe(ACTIONS.length);
  });

  it('reads keys with their modifiers', () => {
    expect(matches(parseChord('Shift+R'), press('R', { shift: true }))).toBe(true);
    expect(matches(parseChord('R'), press('R', { shift: true }))).toBe(false);
    expect(matches(parseChord('Control+Shift+Z'), press('z', { ctrl: true, shift: true }))).toBe(true);
    expect(matches(parseChord('Control+Z'), press('z', { ctrl: true, shift: true }))).toBe(false);
    expect(matches(parseChord('?'), press('?', { shift: true }))).toBe(true);
    expect(matches(parseChord('+'), press('+', { shift: true }))).toBe(true);
    expect(matches(parseChord('E'), press('e', { ctrl: true }))).toBe(false);
  });

  it('gives a key to the most specific context that has it', () => {
    expect(findAction(press('ArrowRight'), active('box-selected', 'reviewing', 'image'))?.id).toBe('move-box');
    expect(findAction(press('ArrowRight'), active('reviewing', 'image'))?.id).toBe('next-image');
    expect(findAction(press('Escape'), active('tool', 'box-selected', 'reviewing', 'image'))?.id).toBe('leave-tool');
    expect(findAction(press('Escape'), active('box-selected', 'reviewing', 'image'))?.id).toBe('unselect');
    expect(findAction(press('Escape'), active())?.id).toBe('cancel');
    expect(findAction(press('Enter'), active('result-waiting', 'box-selected', 'reviewing', 'image'))?.id).toBe('suggest');
    expect(findAction(press('Enter'), active('box-selected', 'reviewing', 'image'))?.id).toBe('accept');
    expect(findAction(press('Enter', { shift: true }), active('box-selected', 'reviewing', 'image'))?.id).toBe('reviewed-next');
    expect(findAction(press('r'), active('image'))?.id).toBe('detect');
    expect(findAction(press('R', { shift: true }), active('image'))?.id).toBe('detect-all');
    // A key whose context does not hold goes nowhere.
    expect(findAction(press('r'), active())).toBeUndefined();
    expect(findAction(press('3'), active('image'))).toBeUndefined();
  });

  it('labels buttons with the keys of the action they run', () => {
    for (const action of ACTIONS) expect(actionButton(action.id)['aria-keyshortcuts'].split(' ')).toEqual(action.keys);
    const rail = renderToStaticMarkup(createElement(ToolRail, { labels: [] }));
    const shown = [...rail.matchAll(/aria-label="([^"]+)" aria-keyshortcuts="([^"]+)"/g)].map((m) => [m[1], m[2]]);
    expect(shown).toEqual([
      ['Select', 'V'],
      ['Draw box', 'N'],
      ['Pan', 'H'],
      ['Zoom in', actionById('zoom-in').keys.join(' ')],
      ['Zoom out', '-'],
      ['Fit the image', '0'],
    ]);
  });

  it('leaves no key written by hand on a button or menu item, nor one naming an action that is not there', () => {
    const ids = new Set(ACTIONS.map((a) => a.id));
    for (const file of sources('src/ui')) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toMatch(/aria-keyshortcuts="|shortcut: '|title="[^"]*\((?:[A-Z]|Shift\+.|Ctrl\+.*|Esc)\)"/);
      for (const m of text.matchAll(/action(?:Button|Item)\('([^']+)'|action: '([^']+)'/g)) expect(ids, `${file}: ${m[1] ?? m[2]}`).toContain(m[1] ?? m[2]);
    }
  });
});
