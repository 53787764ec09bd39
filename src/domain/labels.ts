/**
 * A project's label set: the names a person can give a box, in the order the number keys 1–9 reach them.
 * Names are compared exactly, after trimming; an empty name is never a label.
 */
export type LabelSet = readonly string[];

export function normaliseLabel(name: string): string {
  return name.trim().replace(/\s+/g, ' ');
}

/** The set with every new name appended in order of first appearance; the set itself when nothing is new. */
export function withLabels(set: LabelSet, names: Iterable<string>): LabelSet {
  const present = new Set(set);
  const added: string[] = [];
  for (const raw of names) {
    const name = normaliseLabel(raw);
    if (!name || present.has(name)) continue;
    present.add(name);
    added.push(name);
  }
  return added.length ? [...set, ...added] : set;
}

/** Labels whose name starts with (then contains) what was typed, case-insensitively: the type-ahead picker's order. */
/**
 * What the label picker offers: with nothing typed, the labels given most recently (newest first) and then the rest
 * of the set in its order; once something is typed, the matches as matchLabels orders them.
 */
export function pickerChoices(set: LabelSet, typed: string, recent: readonly string[]): string[] {
  if (normaliseLabel(typed)) return matchLabels(set, typed);
  const first = recent.filter((l) => set.includes(l));
  return [...first, ...set.filter((l) => !first.includes(l))];
}

export function matchLabels(set: LabelSet, typed: string): string[] {
  const query = normaliseLabel(typed).toLowerCase();
  if (!query) return [...set];
  const starts = set.filter((l) => l.toLowerCase().startsWith(query));
  const contains = set.filter((l) => !l.toLowerCase().startsWith(query) && l.toLowerCase().includes(query));
  return [...starts, ...contains];
}
