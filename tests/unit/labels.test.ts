import { describe, expect, it } from 'vitest';
import { matchLabels, normaliseLabel, pickerChoices, withLabels } from '../../src/domain/labels';

describe('label set', () => {
  it('appends only names it lacks, trimmed, in order of first appearance', () => {
    expect(withLabels(['person', 'car'], [' truck ', 'car', 'truck', '', 'boat'])).toEqual(['person', 'car', 'truck', 'boat']);
  });

  it('returns the same set when nothing is new, so callers can skip the write', () => {
    const set = ['person'];
    expect(withLabels(set, ['person', '  '])).toBe(set);
  });

  it('collapses inner whitespace', () => {
    expect(normaliseLabel('  traffic   light ')).toBe('traffic light');
  });

  it('orders type-ahead matches: prefix first, then substring, case-insensitively', () => {
    expect(matchLabels(['person', 'car', 'Carrot', 'sports car', 'cat'], 'car')).toEqual(['car', 'Carrot', 'sports car']);
    expect(matchLabels(['a', 'b'], ' ')).toEqual(['a', 'b']);
  });

  it('offers the labels given last first when nothing is typed, the matches in their order once something is', () => {
    const set = ['person', 'bicycle', 'car', 'truck'];
    expect(pickerChoices(set, '', ['truck', 'car'])).toEqual(['truck', 'car', 'person', 'bicycle']);
    expect(pickerChoices(set, '', [])).toEqual(set);
    expect(pickerChoices(set, '', ['gone', 'car'])).toEqual(['car', 'person', 'bicycle', 'truck']); // no longer in the set: not offered
    expect(pickerChoices(set, 'tr', ['car'])).toEqual(['truck']);
  });
});
