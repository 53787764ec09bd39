import { create } from 'zustand';
import { type Annotation, applyToList, boxesOnly, type Change, type HumanActor, isImageTag } from '../domain/annotation';
import { accept, acceptAllAbove, isFromResult, type Outcome, reject, rejectRest, resultModel, suggestionsFromDetections } from '../domain/annotation-ops';
import { type ProjectCheck, verifyAnnotations } from '../domain/audit-replay';
import { verifySignatures } from '../domain/audit-signature';
import { aboveThreshold } from '../domain/detection';
import type { PredictionRecord } from '../domain/prediction';
import { emptyHistory, type History, record, recordGroup, redo, undo } from '../domain/undo';
import { allAnnotations, annotationsOf, auditLog, projectSigningKeys, readAuditHead, readSetting, StaleChangeError, writeSetting } from '../storage';
import { saveChange } from './commands/save-change';
import { database, errorMessage, on } from './project-context';
import { signedEntry, warmSigningKey } from './signing';

interface ReviewState {
  imageSha256: string | null;
  annotations: Annotation[];
  selectedId: string | null;
  history: History;
  /** The last change that could not be saved (it stays in the undo history). */
  saveError: string | null;
  /** Edits shown but not yet stored: closing the page now would lose them. */
  unsaved: number;
  /** Why the last edit was refused (no area inside the image, nothing changed, ...), until the next edit. */
  refused: string | null;
  /** The last check of the log; `signed`: how many entries carry a valid signature, and whose keys. */
  audit: { entries: number; verified: boolean; problem?: string; signed?: { count: number; by: string } } | null;
  analyst: HumanActor;
  setAnalyst(name: string): Promise<void>;
  /**
   * Reads an image's annotations afresh (a load started later wins over one still running); `keepSelection` keeps
   * the selected box selected where it is still there.
   */
  load(imageSha256: string | null, options?: { keepSelection?: boolean }): Promise<void>;
  /** Makes sure the image shown is the one loaded: waits for its load, or starts one unless it is already there. */
  ensure(imageSha256: string | null): Promise<void>;
  suggest(imageSha256: string, result: PredictionRecord, scoreThreshold: number): Promise<void>;
  select(id: string | null): void;
  cycle(step: 1 | -1): void;
  acceptSelected(): Promise<void>;
  rejectSelected(): Promise<void>;
  acceptAll(scoreThreshold: number): Promise<void>;
  rejectRest(): Promise<void>;
  /** Saves and audits an edit made by the domain ops, as one undo step; a refused one is only reported. */
  apply(outcome: Outcome): Promise<boolean>;
  /** Saves changes to several images as one undo step. */
  applyGroup(changes: Change[]): Promise<void>;
  /** Saves what a model suggested: audited, but not an undoable edit. */
  applySuggestions(change: Change): Promise<void>;
  undo(): Promise<void>;
  redo(): Promise<void>;
  /** Re-reads the whole audit log and verifies its hash chain (on opening an image, not on every edit). */
  checkAudit(): Promise<void>;
  /** Says why an edit made outside the review commands (a drawn box, a copy) was not made. */
  refuse(reason: string): void;
}

/** One more signed entry; its key named among the signers if it is new. */
function withSigner(signed: { count: number; by: string }, analyst: string, keyId: string): { count: number; by: string } {
  const named = `${analyst.replace(/^human:/, '')}, key ${keyId.slice(0, 8)}`;
  return { count: signed.count + 1, by: signed.by.includes(named) ? signed.by : [signed.by, named].filter(Boolean).join('; ') };
}

/** What a failed check says, after "Audit log: N entries, ". */
function describeCheck(check: Extract<ProjectCheck, { ok: false }>): string {
  if (check.part === 'audit') return `hash chain BROKEN at ${check.problem}`;
  if (check.part === 'head') return `log CUT SHORT: ${check.problem}`;
  return `annotations DIFFER from the log: ${check.problem}`;
}

/** The annotations being read for the image just opened, if a read is under way. */
let loading: { imageSha256: string | null; done: Promise<void> } | null = null;

/** Audit entries chain on each other, so changes are saved strictly one after another. */
let saving: Promise<unknown> = Promise.resolve();
/** Edits made in this tab so far: a read that an edit overtook is read again, or it would hide that edit. */
let edits = 0;

/** Resolves once every change made so far is stored (whether or not it could be): readers of the database wait on it. */
export const changesSaved = (): Promise<void> => saving.then(() => undefined);

const now = () => new Date().toISOString();
/** Oldest first, one batch of suggestions by the model's score (kept in `original` once a person edits a box), as first listed. */
const modelScore = (a: Annotation) => a.original?.score ?? a.score ?? 0;
const inListOrder = (list: Annotation[]) =>
  [...list].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || modelScore(b) - modelScore(a) || a.id.localeCompare(b.id));
/** What the viewer draws (its class filter and threshold), so Tab and the selection after an accept skip hidden boxes. */
let drawn: (a: Annotation) => boolean = () => true;
export function setDrawnFilter(filter: (a: Annotation) => boolean): void {
  drawn = filter;
}
const visible = (list: Annotation[]) => list.filter((a) => a.status !== 'rejected' && !isImageTag(a) && drawn(a));

/** Whether a step from the selected box would go round past the end of the boxes shown (Tab then leaves the canvas). */
export function cycleWraps(step: 1 | -1): boolean {
  const { annotations, selectedId } = useReview.getState();
  const list = visible(annotations);
  const index = list.findIndex((a) => a.id === selectedId);
  return index >= 0 && (step === 1 ? index === list.length - 1 : index === 0);
}

export const useReview = create<ReviewState>((set, get) => {
  /** Shows changes at once, then saves each with its audit entry (both or neither), in order. */
  async function commit(changes: readonly Change[], history: History): Promise<void> {
    edits++;
    set((s) => ({
      history,
      saveError: null,
      unsaved: s.unsaved + 1,
      annotations: changes.reduce((list, c) => (s.imageSha256 === c.imageSha256 ? applyToList(list, c) : list), s.annotations),
    }));
    const save = saving.then(async () => {
      const db = await database();
      for (const change of changes) {
        const saved = await saveChange({ db, change, analyst: get().analyst, sign: signedEntry });
        // The entry just written chains to the verified log: count it instead of re-hashing the whole chain.
        set((s) => ({
          audit: s.audit && {
            ...s.audit,
            entries: s.audit.entries + 1,
            ...(s.audit.signed && saved.signature ? { signed: withSigner(s.audit.signed, s.analyst, saved.signature.keyId) } : {}),
          },
        }));
      }
    });
    saving = save.catch(() => undefined);
    void saving.then(() => set((s) => ({ unsaved: s.unsaved - 1 })));
    try {
      await save;
    } catch (error) {
      const what = changes.length === 1 ? changes[0]!.action : `${changes[0]!.action} on ${changes.length} images`;
      set({ saveError: `Not saved: ${what} (${errorMessage(error)}). It stays in the undo history.` });
      if (error instanceof StaleChangeError && error.imageSha256 === get().imageSha256) await get().load(error.imageSha256);
    }
  }

  async function apply(outcome: Outcome): Promise<boolean> {
    if (!outcome.ok) {
      set({ refused: outcome.reason });
      return false;
    }
    set({ refused: null });
    await commit([outcome.change], record(get().history, outcome.change));
    return true;
  }

  const selected = () => get().annotations.find((a) => a.id === get().selectedId);
  const edit = () => ({ actor: get().analyst, now: now() });

  return {
    imageSha256: null,
    annotations: [],
    selectedId: null,
    history: emptyHistory,
    saveError: null,
    unsaved: 0,
    refused: null,
    audit: null,
    analyst: 'human:analyst',

    async setAnalyst(name) {
      const clean = name.trim();
      if (!clean) return;
      set({ analyst: `human:${clean}` });
      await writeSetting(await database(), 'analyst', clean);
    },

    load(imageSha256, options = {}) {
      const entry: { imageSha256: string | null; done: Promise<void> } = { imageSha256, done: Promise.resolve() };
      loading = entry;
      entry.done = (async () => {
        let analyst: string;
        let annotations: Annotation[];
        let editsBefore: number;
        do {
          // Changes still being saved (a group undo saves the other images' changes behind the shown one) must be read back.
          await saving;
          editsBefore = edits;
          analyst = await readSetting(await database(), 'analyst', 'analyst');
          annotations = imageSha256 ? inListOrder(await annotationsOf(await database(), imageSha256)) : [];
          if (loading !== entry) return; // another image was asked for meanwhile
        } while (edits !== editsBefore); // an edit made in this tab while reading: its save is awaited and all read again
        warmSigningKey(`human:${analyst}`);
        const kept = options.keepSelection ? get().selectedId : null;
        const list = visible(annotations);
        const selectedId = kept && list.some((a) => a.id === kept) ? kept : (list[0]?.id ?? null);
        set({ imageSha256, annotations, analyst: `human:${analyst}`, selectedId });
      })().finally(() => {
        if (loading === entry) loading = null;
      });
      return entry.done;
    },

    ensure(imageSha256) {
      if (loading?.imageSha256 === imageSha256) return loading.done;
      if (!loading && get().imageSha256 === imageSha256) return Promise.resolve();
      return get().load(imageSha256);
    },

    async suggest(imageSha256, result, scoreThreshold) {
      if (get().annotations.some((a) => isFromResult(a, result))) return;
      const detections = aboveThreshold(result.detections, scoreThreshold);
      const outcome = suggestionsFromDetections(detections, imageSha256, resultModel(result), now(), () => crypto.randomUUID());
      // The suggestions show at once and the first is selected at once, so Enter right after accepts it while the
      // save (and its signature) goes on.
      const saved = get().applySuggestions(outcome.change);
      set((s) => ({ selectedId: s.selectedId ?? outcome.annotations[0]?.id ?? null }));
      await saved;
    },

    select(id) {
      set({ selectedId: id });
    },

    cycle(step) {
      const list = visible(get().annotations);
      if (list.length === 0) return;
      const index = list.findIndex((a) => a.id === get().selectedId);
      set({ selectedId: list[(index + step + list.length) % list.length]!.id });
    },

    // The change shows at once and the selection moves on at once; the save goes on behind, so a quick second key
    // press acts on the next box, not again on this one.
    async acceptSelected() {
      const a = selected();
      const saved = a && apply(accept(a, edit()));
      get().cycle(1);
      await saved;
    },

    async rejectSelected() {
      const a = selected();
      const saved = a && apply(reject(a, edit()));
      get().cycle(1);
      await saved;
    },

    async acceptAll(scoreThreshold) {
      await apply(acceptAllAbove(boxesOnly(get().annotations), scoreThreshold, edit()));
    },

    async rejectRest() {
      await apply(rejectRest(boxesOnly(get().annotations), edit()));
    },

    apply,

    async applySuggestions(change) {
      await commit([change], get().history); // what the model said is not an undoable edit
    },

    async applyGroup(changes) {
      if (changes.length === 0) return;
      await commit(changes, recordGroup(get().history, changes, crypto.randomUUID()));
    },

    async undo() {
      const step = undo(get().history, get().analyst, now());
      if (step) await commit(step.changes, step.history);
    },

    async redo() {
      const step = redo(get().history, get().analyst, now());
      if (step) await commit(step.changes, step.history);
    },

    refuse(reason) {
      set({ refused: reason });
    },

    async checkAudit() {
      await saving;
      const db = await database();
      const [entries, stored, head, keys] = await Promise.all([auditLog(db), allAnnotations(db), readAuditHead(db), projectSigningKeys(db)]);
      const check = await verifyAnnotations(entries, stored, head);
      if (!check.ok) return set({ audit: { entries: check.entries, verified: false, problem: describeCheck(check) } });
      const signatures = await verifySignatures(entries, keys);
      if (!signatures.ok) return set({ audit: { entries: check.entries, verified: false, problem: `signature INVALID at entry ${signatures.seq}: ${signatures.reason}` } });
      const by = signatures.keys.map((k) => `${k.analyst.replace(/^human:/, '')}, key ${k.keyId.slice(0, 8)}`).join('; ');
      set({ audit: { entries: check.entries, verified: true, signed: { count: signatures.signed, by } } });
    },
  };
});

// Another project: no undo across projects, and its log is checked when an image opens.
on('project-opened', () => {
  useReview.setState({ history: emptyHistory, audit: null, saveError: null });
  return useReview.getState().load(null);
});
on('images-deleted', ({ sha256s }) => {
  const open = useReview.getState().imageSha256;
  if (open && sha256s.includes(open)) return useReview.getState().load(null);
});

/** The log grew by another tab's entries: check it again, once for a burst of changes. */
let auditCheck: Promise<void> | undefined;
on('change-committed', async ({ written, origin }) => {
  if (origin !== 'other-tab') return;
  // What this tab shows of the image is read again, so its next edit starts from what is stored.
  // The selected box stays selected: another tab's save must not move what this tab's next key acts on.
  if (useReview.getState().imageSha256 === written.change.imageSha256) await useReview.getState().load(written.change.imageSha256, { keepSelection: true });
  auditCheck ??= Promise.resolve()
    .then(() => useReview.getState().checkAudit())
    .finally(() => (auditCheck = undefined));
});
