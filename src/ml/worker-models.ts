// The Add model dialog's work inside the inference worker: inspect picked files, try the proposal on an image,
// save it to the model library. Drafts (files + proposal) stay here between calls, so they cross to the worker once.
import { collectModelFiles, type ModelFiles, type PickedFile } from '../domain/model-import/files';
import type { ModelManifest } from '../domain/model-manifest';
import { defaultClassifyParams, defaultParams } from '../domain/prediction';
import { rasterOfBlob } from '../platform/raster-of-blob';
import { addLibraryModel } from '../storage';
import type { BackendChoice } from './backends';
import type { Engine } from './engine';
import { checkManifest, inspectModelFiles, memoryReader } from './model-inspect';
import type { DraftModel, TryResult } from './protocol';
import { detectWhole } from './tiled';

interface Draft {
  files: ModelFiles;
  /** training.json of a model exported from a library (how it was trained), kept with it. */
  training?: unknown;
  outputs: DraftModel['proposal']['outputs'];
  origin: string;
  /** The engine id the draft was last tried under (released before the next try). */
  loadedAs?: string;
}

export function createModelService(engine: Engine, imageBlob: (sha256: string) => Promise<Blob | undefined>, reservedIds: () => Promise<string[]>) {
  const drafts = new Map<string, Draft>();
  let tries = 0;

  const draftOf = (draftId: string): Draft => {
    const draft = drafts.get(draftId);
    if (!draft) throw new Error('this model is no longer open: choose its files again');
    return draft;
  };

  async function unload(draft: Draft): Promise<void> {
    if (draft.loadedAs) await engine.release(draft.loadedAs);
    draft.loadedAs = undefined;
  }

  const refuseProblems = (manifest: ModelManifest, draft: Draft) => {
    const problems = checkManifest(manifest, draft.outputs);
    if (problems.length > 0) throw new Error(problems.join('; '));
  };

  return {
    async inspect(picked: PickedFile[]): Promise<DraftModel> {
      const collected = await collectModelFiles(picked);
      const { proposal, files } = await inspectModelFiles(engine, collected.files, collected.suggestedName);
      const draftId = crypto.randomUUID();
      const training = collected.files.get('training.json');
      drafts.set(draftId, { files, outputs: proposal.outputs, origin: collected.origin, ...(training ? { training: JSON.parse(new TextDecoder().decode(training)) } : {}) });
      const bytes = [...files.values()].reduce((n, b) => n + b.byteLength, 0);
      return { draftId, proposal, origin: collected.origin, bytes };
    },

    /** Runs the manifest as it stands on one image of the open project, on a backend chosen and checked as for any model. */
    async tryOn(draftId: string, manifest: ModelManifest, imageSha256: string, choice: BackendChoice): Promise<TryResult> {
      const draft = draftOf(draftId);
      refuseProblems(manifest, draft);
      await unload(draft);
      const id = `draft-${++tries}`;
      await engine.loadWith({ ...manifest, id }, memoryReader(draft.files));
      draft.loadedAs = id;
      const report = await engine.prepare(id, choice);
      const blob = await imageBlob(imageSha256);
      if (!blob) throw new Error('the image bytes are missing from storage');
      const t0 = performance.now();
      const { source, pixels } = await rasterOfBlob(blob);
      const size = { imageWidth: source.width, imageHeight: source.height };
      if (manifest.task === 'classify') {
        const input = pixels ?? (await source.readWindow({ x: 0, y: 0, w: source.width, h: source.height }, manifest.input.width, manifest.input.height));
        const result = await engine.classify(id, input, defaultClassifyParams(manifest));
        return { modelId: id, report, ...size, tags: result.tags, timings: result.timings, totalMs: performance.now() - t0 };
      }
      const params = defaultParams(manifest);
      const result = pixels ? await engine.detect(id, pixels, params) : await detectWhole(engine, id, source, params, manifest.input, manifest.preprocessing.resize);
      return { modelId: id, report, ...size, detections: result.detections, timings: result.timings, totalMs: performance.now() - t0 };
    },

    /** Puts the draft into the library under `name`; returns the stored manifest (and whether it was there already). */
    async save(draftId: string, manifest: ModelManifest, name: string): Promise<{ manifest: ModelManifest; added: boolean }> {
      const draft = draftOf(draftId);
      refuseProblems(manifest, draft);
      const model = { manifest, files: draft.files, name: name.trim() || manifest.name, origin: draft.origin, ...(draft.training !== undefined ? { training: draft.training } : {}) };
      const { record, added } = await addLibraryModel(model, { reserved: await reservedIds() });
      await unload(draft);
      drafts.delete(draftId);
      return { manifest: record.manifest, added };
    },

    async close(draftId: string): Promise<void> {
      const draft = drafts.get(draftId);
      if (draft) await unload(draft);
      drafts.delete(draftId);
    },
  };
}
