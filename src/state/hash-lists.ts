import { create } from 'zustand';
import { describeList, type HashList, HashListReader, type HashListProblem, type HashMatch, matchLists } from '../domain/evidence/hash-list';
import type { ImageRecord } from '../domain/image';
import { deleteHashList, listHashLists, saveHashList } from '../storage';
import { recordEvidence } from './evidence-audit';
import { useLibrary } from './library';
import { database, errorMessage, on } from './project-context';

export interface HashListLoad {
  name: string;
  bytesRead: number;
  bytes: number;
  lines: number;
  /** Reading is done; the hashes are being sorted and saved. */
  finishing: boolean;
}

export interface HashListReport {
  name: string;
  summary: string;
  matched: number;
  problems: HashListProblem[];
  problemCount: number;
}

interface HashListsState {
  lists: HashList[];
  /** Lists holding one of an image's hashes, by the image's SHA-256 (images with no match are absent). */
  matches: ReadonlyMap<string, HashMatch[]>;
  loading: HashListLoad | null;
  lastLoad: HashListReport | null;
  error: string | null;
  load(): Promise<void>;
  /** Reads a list (streamed, with progress), saves it, flags the images it holds and records them in the audit log. */
  importList(file: File, name: string): Promise<void>;
  cancelImport(): void;
  removeList(id: string): Promise<void>;
}

let cancelRequested = false;

function matchAll(images: readonly ImageRecord[], lists: readonly HashList[]): Map<string, HashMatch[]> {
  const matches = new Map<string, HashMatch[]>();
  if (lists.length === 0) return matches;
  for (const image of images) {
    const found = matchLists(lists, image);
    if (found.length) matches.set(image.sha256, found);
  }
  return matches;
}

/** Audit entries for the images each list holds (leaving out lists that `before` already held the image in). */
export function recordMatches(images: readonly ImageRecord[], lists: readonly HashList[], before?: ReadonlyMap<string, ImageRecord>): Promise<void> {
  const events = images.flatMap((image) => {
    const earlier = before?.get(image.sha256);
    const known = new Set(earlier ? matchLists(lists, earlier).map((m) => m.list) : []);
    return matchLists(lists, image).filter((m) => !known.has(m.list)).map((m) => {
      const list = lists.find((l) => l.name === m.list)!;
      return {
        action: 'hash-match' as const,
        imageSha256: image.sha256,
        detail: { list: list.name, listId: list.id, listSource: list.source, algorithms: m.algorithms, fileName: image.fileName },
      };
    });
  });
  return recordEvidence(events);
}

const uniqueName = (name: string, lists: readonly HashList[]) => {
  const taken = new Set(lists.map((l) => l.name));
  if (!taken.has(name)) return name;
  for (let n = 2; ; n++) if (!taken.has(`${name} (${n})`)) return `${name} (${n})`;
};

export const useHashLists = create<HashListsState>((set, get) => ({
  lists: [],
  matches: new Map(),
  loading: null,
  lastLoad: null,
  error: null,

  async load() {
    try {
      const lists = await listHashLists(await database());
      set({ lists, matches: matchAll(useLibrary.getState().images, lists), error: null, lastLoad: null });
    } catch (error) {
      set({ error: `Could not read the hash lists: ${errorMessage(error)}` });
    }
  },

  async importList(file, chosenName) {
    cancelRequested = false;
    const name = uniqueName(chosenName.trim() || file.name.replace(/\.[^.]+$/, ''), get().lists);
    const reader = new HashListReader();
    set({ loading: { name, bytesRead: 0, bytes: file.size, lines: 0, finishing: false }, lastLoad: null, error: null });
    try {
      const stream = file.stream().getReader();
      const decoder = new TextDecoder();
      let bytesRead = 0;
      for (;;) {
        if (cancelRequested) throw new Error('cancelled: nothing of the list was kept');
        const { done, value } = await stream.read();
        if (done) break;
        bytesRead += value.length;
        reader.push(decoder.decode(value, { stream: true }));
        set({ loading: { name, bytesRead, bytes: file.size, lines: reader.linesRead, finishing: false } });
      }
      reader.push(decoder.decode());
      set({ loading: { name, bytesRead, bytes: file.size, lines: reader.linesRead, finishing: true } });
      // Let the progress paint before sorting a large list.
      await new Promise((resolve) => setTimeout(resolve, 0));
      const list = reader.finish({ id: crypto.randomUUID(), name, source: file.name, loadedAt: new Date().toISOString() });
      const total = list.counts.md5 + list.counts.sha1 + list.counts.sha256;
      if (total === 0) throw new Error(`no hashes in ${file.name}: ${list.problemCount ? `all ${list.problemCount} non-empty lines are malformed, e.g. line ${list.problems[0]!.line}: ${list.problems[0]!.reason}` : 'it is empty'}`);
      await saveHashList(await database(), list);
      const lists = [...get().lists, list];
      const images = useLibrary.getState().images;
      const matches = matchAll(images, lists);
      const matchedHere = images.filter((i) => matchLists([list], i).length > 0);
      set({
        lists,
        matches,
        lastLoad: { name, summary: describeList(list), matched: matchedHere.length, problems: list.problems, problemCount: list.problemCount },
      });
      await recordMatches(matchedHere, [list]);
    } catch (error) {
      set({ error: `Hash list ${name}: ${errorMessage(error)}` });
    } finally {
      set({ loading: null });
    }
  },

  cancelImport() {
    cancelRequested = true;
  },

  async removeList(id) {
    await deleteHashList(await database(), id);
    const lists = get().lists.filter((l) => l.id !== id);
    set({ lists, matches: matchAll(useLibrary.getState().images, lists) });
  },
}));

// A project opened: its lists. Images added or changed: their matches.
useLibrary.subscribe((state, previous) => {
  if (state.loaded && !previous.loaded) void useHashLists.getState().load();
  else if (state.images !== previous.images) useHashLists.setState((s) => ({ matches: matchAll(state.images, s.lists) }));
});

// New images that a loaded list holds are recorded in the audit log as they arrive.
// The tab that imported records the matches in the log, once.
on('images-added', ({ images, origin }) => (origin === 'this-tab' ? recordMatches(images, useHashLists.getState().lists) : undefined));
