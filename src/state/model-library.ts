import { create } from 'zustand';
import { modelInUse } from '../domain/batch';
import { zipModel } from '../domain/model-import/export';
import { familyName, type VersionSlot, versionSlot } from '../domain/model-import/library';
import type { PickedFile } from '../domain/model-import/files';
import { manifestProblems } from '../domain/model-import/propose';
import type { ModelManifest } from '../domain/model-manifest';
import type { DraftModel, TryResult } from '../ml/protocol';
import { getLibraryModel, libraryModelFiles, removeLibraryModel, renameLibraryModel, unfinishedJobs } from '../storage';
import { useDetection } from './detection';
import { database, errorMessage, inferenceEngine } from './project-context';
import { download } from '../platform/download';

interface ModelLibraryState {
  /** The model being added: files read, proposal made, waiting in the worker. */
  draft: DraftModel | null;
  /** The proposal as the person corrected it. */
  manifest: ModelManifest | null;
  name: string;
  problems: string[];
  reading: boolean;
  error: string | null;
  trying: boolean;
  tried: TryResult | null;
  /** The manifest the last try ran with, so the dialog can say when the form changed since. */
  triedWith: ModelManifest | null;
  tryError: string | null;
  saving: boolean;
  /** Picked files (a folder, loose files, a zip) → a proposal. */
  open(files: File[]): Promise<void>;
  edit(change: (manifest: ModelManifest) => ModelManifest): void;
  setName(name: string): void;
  tryOn(imageSha256: string): Promise<void>;
  /** Adds the draft to the library and selects it; resolves to a message for the person. */
  save(): Promise<string | null>;
  discard(): Promise<void>;

  rename(manifest: ModelManifest, name: string): Promise<void>;
  /** Refused (with the reason) while a batch of the open project uses the model. */
  remove(manifest: ModelManifest): Promise<void>;
  exportZip(manifest: ModelManifest): Promise<void>;
  libraryError: string | null;
}

/** A file as the worker reads it: its path within what was picked (a folder's relative path), its bytes. */
async function picked(files: File[]): Promise<PickedFile[]> {
  return Promise.all(files.map(async (f) => ({ path: f.webkitRelativePath || f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
}

const libraryModels = () => useDetection.getState().models.filter((m) => m.library);

/** Where a model with this name would go in the library: a new family, or the next version of one. */
export function addingAs(name: string, manifest: ModelManifest): VersionSlot & { existing: boolean } {
  const models = useDetection.getState().models;
  const library = models.filter((m) => m.library);
  const slot = versionSlot(library, name, { reserved: models.filter((m) => !m.library).map((m) => m.id), ...(manifest.library ? { pinned: manifest.library } : {}) });
  return { ...slot, existing: library.some((m) => m.library!.family === slot.family) };
}

const idle = { draft: null, manifest: null, name: '', problems: [], reading: false, error: null, trying: false, tried: null, triedWith: null, tryError: null, saving: false };

export const useModelLibrary = create<ModelLibraryState>((set, get) => ({
  ...idle,
  libraryError: null,

  async open(files) {
    await get().discard();
    set({ reading: true, error: null });
    try {
      const draft = await inferenceEngine().inspectModel(await picked(files));
      const { manifest, problems } = draft.proposal;
      // A model whose name (or id) is a family's already is that family's next version: it takes the family's name.
      const { family } = addingAs(manifest.name, manifest);
      set({ draft, manifest, name: familyName(libraryModels(), family) ?? manifest.name, problems, reading: false });
    } catch (error) {
      set({ reading: false, error: errorMessage(error) });
    }
  },

  edit(change) {
    const { manifest, draft } = get();
    if (!manifest || !draft) return;
    const next = change(manifest);
    set({ manifest: next, problems: manifestProblems(next, draft.proposal.outputs) });
  },

  setName: (name) => set({ name }),

  async tryOn(imageSha256) {
    const { draft, manifest } = get();
    if (!draft || !manifest) return;
    set({ trying: true, tryError: null });
    try {
      const tried = await inferenceEngine().tryDraft(draft.draftId, manifest, imageSha256, useDetection.getState().backendChoice);
      set({ tried, triedWith: manifest, trying: false });
    } catch (error) {
      set({ trying: false, tried: null, tryError: errorMessage(error) });
    }
  },

  async save() {
    const { draft, manifest, name } = get();
    if (!draft || !manifest) return null;
    set({ saving: true, error: null });
    try {
      const saved = await inferenceEngine().saveDraft(draft.draftId, manifest, name);
      set({ ...idle });
      await useDetection.getState().reloadModels(saved.manifest.id);
      const which = `${saved.manifest.name} (version ${saved.manifest.library?.versionNumber})`;
      return saved.added ? `Added ${which} to the model library.` : `${which} is in the library already: the same files with the same settings.`;
    } catch (error) {
      set({ saving: false, error: errorMessage(error) });
      return null;
    }
  },

  async discard() {
    const { draft } = get();
    set({ ...idle });
    if (draft) await inferenceEngine().closeDraft(draft.draftId).catch(() => undefined);
  },

  async rename(manifest, name) {
    if (!manifest.library || !name.trim()) return;
    try {
      await renameLibraryModel(manifest.library.sha256, name.trim());
      set({ libraryError: null });
      await useDetection.getState().reloadModels();
    } catch (error) {
      set({ libraryError: errorMessage(error) });
    }
  },

  async remove(manifest) {
    if (!manifest.library) return;
    const inUse = modelInUse(await unfinishedJobs(await database()), manifest);
    if (inUse) {
      set({ libraryError: inUse });
      return;
    }
    try {
      await inferenceEngine().release(manifest.id);
      await removeLibraryModel(manifest.library.sha256);
      set({ libraryError: null });
      await useDetection.getState().reloadModels();
    } catch (error) {
      set({ libraryError: errorMessage(error) });
    }
  },

  async exportZip(manifest) {
    if (!manifest.library) return;
    try {
      const record = await getLibraryModel(manifest.library.sha256);
      if (!record) throw new Error(`${manifest.name} is no longer in the library`);
      const zip = zipModel(record.manifest, await libraryModelFiles(record.sha256), record.training);
      download(new Blob([zip as BlobPart], { type: 'application/zip' }), `${record.manifest.id}.zip`);
      set({ libraryError: null });
    } catch (error) {
      set({ libraryError: errorMessage(error) });
    }
  },
}));
