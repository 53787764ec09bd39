/** The parts of a key event a key test reads (a plain object in the tests). */
export type KeyPress = Pick<KeyboardEvent, 'key' | 'shiftKey' | 'ctrlKey' | 'metaKey'>;

/** A key with its modifiers; shift null: either (a symbol such as ? or + is typed with Shift on some layouts). */
export interface Chord {
  key: string;
  ctrl: boolean;
  shift: boolean | null;
}

const normal = (key: string) => (key.length === 1 ? key.toLowerCase() : key);
const isSymbol = (key: string) => key.length === 1 && !/[a-z]/i.test(key);

/** Reads "Control+Shift+Z", "Shift+R", "ArrowLeft", "+" (Control stands for ⌘ too). */
export function parseChord(spec: string): Chord {
  const [, mods = '', key = spec] = /^((?:Control\+|Shift\+)*)(.+)$/.exec(spec) ?? [];
  return { key: normal(key), ctrl: mods.includes('Control+'), shift: isSymbol(key) ? null : mods.includes('Shift+') };
}

export function matches(chord: Chord, e: KeyPress): boolean {
  return chord.key === normal(e.key) && chord.ctrl === (e.ctrlKey || e.metaKey) && (chord.shift === null || chord.shift === e.shiftKey);
}

/** Whether one key press could match both. */
export const overlaps = (a: Chord, b: Chord) => a.key === b.key && a.ctrl === b.ctrl && (a.shift === null || b.shift === null || a.shift === b.shift);

const NAMES: Record<string, string> = { Control: 'Ctrl', Escape: 'Esc', ArrowLeft: '←', ArrowRight: '→', ArrowUp: '↑', ArrowDown: '↓' };

/** "Control+Shift+Z" as people read it: "Ctrl+Shift+Z". */
export const shownChord = (spec: string) => (spec === '+' ? spec : spec.split('+').map((part) => NAMES[part] ?? part).join('+'));
