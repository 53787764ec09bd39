import { create } from 'zustand';
import { type Annotation, isImageTag } from '../domain/annotation';
import { importDataset } from '../domain/dataset/codec';
import { detectFormat, uniqueFileNames } from '../domain/dataset/detect-format';
import { DatasetError, describeProblem } from '../domain/dataset/errors';
import { bundledImageSizes, type ImportPlan, importChanges, knownImages, planImport } from '../domain/dataset/match';
import { baseName, type Dataset, type DatasetFormat } from '../domain/dataset/model';
import type { SplitRatios } from '../domain/dataset/split';
import { buildTrainingSet } from '../domain/dataset/training-set';
import type { ClassMap } from '../domain/dataset/training';
import { type SetFiles, splitSetFiles, unzipSet, withoutTopFolder, zipSet } from '../domain/dataset/zip';
import { sha256Hex } from '../domain/hash';
import type { ImageRecord } from '../domain/image';
import { annotationsOf, getImageBlob, readLabelSet } from '../storage';
import { importAnnotations } from './commands/import-annotations';
import { useDetection } from './detection';
import { changesImages, type PrivacyChoices, privacyProblems, protectedCopy, type Redaction, recordRedactions, regionsToHide } from './redaction';
import { useLibrary } from './library';
import { useReview } from './review';
import { useSelection } from './selection';
import { database, errorMessage } from './project-context';
import { useZipLimits, withZipLimitHint } from './zip-limits';
import { signedEntry } from './signing';
import { blobSource } from '../platform/blob-source';
import { dict } from '../domain/dict';

export interface ExportChoices {
  format: DatasetFormat;
  scope: 'project' | 'selection';
  include: 'reviewed' | 'with-suggestions';
  minScore: number;
  classes: ClassMap;
  split: SplitRatios | null;
  includeImages: boolean;
  /** Image-level tags from the classifier now selected: its labels shown at the current min score. */
  tags: boolean;
  /** Redaction of faces, persons or labelled boxes, and metadata stripping, in the exported copies. */
  privacy?: PrivacyChoices;
}

export interface ImportPreview {
  format: DatasetFormat;
  matched: number;
  fromSet: number;
  unmatched: string[];
  annotations: number;
  newLabels: string[];
}

interface DatasetState {
  exporting: boolean;
  /** What a long export is doing ("looking for faces 3 / 10"). */
  exportStage: string | null;
  exportSummary: string | null;
  exportError: string | null;
  /** Labels the class map offers: the project's label set, then any other label its annotations use. */
  labels(): Promise<string[]>;
  exportZip(choices: ExportChoices): Promise<{ blob: Blob; fileName: string } | null>;

  preview: ImportPreview | null;
  problems: string[];
  importing: boolean;
  importSummary: string | null;
  planImport(files: File[], format: DatasetFormat | 'auto'): Promise<void>;
  commitImport(): Promise<void>;
  resetImport(): void;
}

/** The planned import and the images that came with it, kept until Import or a new choice. */
let pending: { plan: ImportPlan; images: SetFiles } | null = null;

const plural = (n: number, word: string, words = `${word}s`) => `${n} ${n === 1 ? word : words}`;

/** The selected classifier's tags of an image, as shown (at or above the min score); none for a detector. */
function shownTags(sha256: string): string[] {
  const { model, results, scoreThreshold } = useDetection.getState();
  if (model?.task !== 'classify') return [];
  return (results[sha256]?.tags ?? []).filter((t) => t.score >= scoreThreshold).map((t) => t.label);
}

async function projectDataset(records: readonly ImageRecord[], withTags = false): Promise<{ dataset: Dataset; names: Map<string, string> }> {
  const db = await database();
  const names = uniqueFileNames(records);
  const labelSet = await readLabelSet(db);
  const annotations: { record: ImageRecord; annotation: Annotation }[] = [];
  // Image-level tags a person accepted or added travel as tags, never as whole-image boxes.
  const reviewedTags = new Map<string, string[]>();
  for (const record of records) {
    for (const annotation of await annotationsOf(db, record.sha256)) {
      if (!isImageTag(annotation)) annotations.push({ record, annotation });
      else if (annotation.status !== 'rejected') reviewedTags.set(record.sha256, [...(reviewedTags.get(record.sha256) ?? []), annotation.label]);
    }
  }
  const labels = [...new Set([...labelSet, ...annotations.map((a) => a.annotation.label)])];
  return {
    names,
    dataset: {
      labels,
      images: records.map((r) => {
        const tags = [...new Set([...(reviewedTags.get(r.sha256) ?? []), ...(withTags ? shownTags(r.sha256) : [])])];
        return { fileName: names.get(r.sha256)!, width: r.width, height: r.height, ...(tags.length ? { tags } : {}) };
      }),
      annotations: annotations.map(({ record, annotation: a }) => ({
        imageFileName: names.get(record.sha256)!,
        label: a.label,
        box: a.shape.box,
        status: a.status,
        source: a.source,
        ...(a.score !== undefined ? { score: a.score } : {}),
      })),
    },
  };
}

async function readChosenFiles(files: readonly File[]): Promise<SetFiles> {
  const set: SetFiles = dict();
  for (const file of files) {
    const path = file.webkitRelativePath || file.name;
    // A zip is read by byte ranges through the hardened reader: only the set's files, within the zip limits.
    if (/\.zip$/i.test(file.name)) Object.assign(set, await unzipSet(blobSource(file), file.name, useZipLimits.getState().limits));
    else set[path] = new Uint8Array(await file.arrayBuffer());
  }
  return withoutTopFolder(set);
}

export const useDatasets = create<DatasetState>((set) => ({
  exporting: false,
  exportStage: null,
  exportSummary: null,
  exportError: null,
  preview: null,
  problems: [],
  importing: false,
  importSummary: null,

  async labels() {
    const db = await database();
    const labels = [...(await readLabelSet(db))];
    for (const image of useLibrary.getState().images) for (const a of await annotationsOf(db, image.sha256)) if (!isImageTag(a)) labels.push(a.label);
    return [...new Set(labels)];
  },

  async exportZip(choices) {
    set({ exporting: true, exportSummary: null, exportError: null });
    try {
      const picked = useSelection.getState().picked;
      const all = useLibrary.getState().images;
      const records = choices.scope === 'selection' ? all.filter((i) => picked.has(i.sha256)) : all;
      if (records.length === 0) throw new Error(choices.scope === 'selection' ? 'no images are selected' : 'the project has no images');
      const privacy = choices.privacy && changesImages(choices.privacy) ? choices.privacy : undefined;
      const refused = privacy ? privacyProblems(records, privacy, choices.includeImages) : [];
      if (refused.length) throw new Error(`nothing was exported: ${refused.join('; ')}`);
      const { dataset, names } = await projectDataset(records, choices.tags);
      const shaOf = new Map([...names].map(([sha, name]) => [name, sha]));
      const training = await buildTrainingSet(
        dataset,
        { format: choices.format, filter: { include: choices.include, minScore: choices.minScore }, classes: choices.classes, includeImages: choices.includeImages, ...(choices.split ? { split: choices.split } : {}) },
        (name) => shaOf.get(name),
      );
      let images: Map<string, Uint8Array> | undefined;
      const redactions: Redaction[] = [];
      if (choices.includeImages) {
        const db = await database();
        const exportedNames = new Set(training.imagePaths.keys());
        const exported = records.filter((r) => exportedNames.has(names.get(r.sha256)!));
        const regions = privacy ? await regionsToHide(exported, privacy, (what, done, total) => set({ exportStage: `${what}: ${done} / ${total}` })) : new Map();
        images = new Map();
        for (const [name, sha] of shaOf) {
          if (!exportedNames.has(name)) continue;
          const blob = await getImageBlob(db, sha);
          if (!blob) continue;
          if (!privacy) {
            images.set(name, new Uint8Array(await blob.arrayBuffer()));
            continue;
          }
          const record = records.find((r) => r.sha256 === sha)!;
          set({ exportStage: `protecting ${name}` });
          const copy = await protectedCopy(record, blob, regions.get(sha) ?? [], privacy);
          images.set(name, copy.bytes);
          if (copy.redacted) redactions.push({ record, exportedAs: name, ...copy.redacted });
        }
      }
      const zip = zipSet(training, images);
      const counts = Object.entries(training.counts).map(([split, n]) => (split === 'all' ? '' : `${split} ${n}`)).filter(Boolean);
      set({
        exportSummary: `Exported ${plural(training.dataset.images.length, 'image')}, ${plural(training.dataset.annotations.length, 'annotation')}, ${plural(training.dataset.labels.length, 'class', 'classes')}${counts.length ? ` (${counts.join(', ')})` : ''} as ${choices.format.toUpperCase()}.`,
      });
      const stamp = new Date().toISOString().slice(0, 10);
      const fileName = `dataset-${choices.format}-${stamp}.zip`;
      if (privacy) {
        await recordRedactions(redactions, privacy, fileName);
        const hidden = redactions.reduce((n, r) => n + r.regions.length, 0);
        const stripped = privacy.stripMetadata ? ' Metadata stripped from every exported image.' : redactions.length ? ' Redacted copies carry no metadata.' : '';
        set((s) => ({ exportSummary: `${s.exportSummary} ${privacy.method === 'blur' ? 'Blurred' : 'Pixelated'} ${plural(hidden, 'region')} in ${plural(redactions.length, 'image')} (recorded in the audit log).${stripped}` }));
      }
      return { blob: new Blob([zip as Uint8Array<ArrayBuffer>], { type: 'application/zip' }), fileName };
    } catch (error) {
      set({ exportError: error instanceof DatasetError ? error.problems.map(describeProblem).join('\n') : errorMessage(error) });
      return null;
    } finally {
      set({ exporting: false, exportStage: null });
    }
  },

  async planImport(files, chosen) {
    pending = null;
    set({ preview: null, problems: [], importSummary: null });
    try {
      const { text, images } = splitSetFiles(await readChosenFiles(files));
      const format = chosen === 'auto' ? detectFormat(text) : chosen;
      if (!format) throw new Error('no dataset files among those chosen (COCO .json, YOLO data.yaml or classes.txt with labels/*.txt, VOC .xml, .csv)');
      const db = await database();
      const project = useLibrary.getState().images;
      const bundled = bundledImageSizes(images);
      const dataset = importDataset(format, text, knownImages(project, bundled));
      const plan = planImport(format, dataset, project, bundled, await readLabelSet(db));
      pending = { plan, images };
      set({ preview: { format, matched: plan.matched.size, fromSet: plan.fromSet.size, unmatched: plan.unmatched, annotations: plan.annotations, newLabels: plan.newLabels } });
    } catch (error) {
      set({ problems: (error instanceof DatasetError ? error.problems.map(describeProblem) : [errorMessage(error)]).map(withZipLimitHint) });
    }
  },

  async commitImport() {
    if (!pending) return;
    const { plan, images } = pending;
    set({ importing: true, problems: [] });
    try {
      const shaOf = new Map([...plan.matched].map(([name, image]) => [name, image.sha256]));
      if (plan.fromSet.size > 0) {
        const files: File[] = [];
        for (const [name, path] of plan.fromSet) {
          const bytes = images[path]!;
          shaOf.set(name, await sha256Hex(bytes));
          files.push(new File([bytes as Uint8Array<ArrayBuffer>], baseName(path)));
        }
        await useLibrary.getState().importFiles(files);
        const present = new Set(useLibrary.getState().images.map((i) => i.sha256));
        const missing = [...plan.fromSet.keys()].filter((name) => !present.has(shaOf.get(name)!));
        if (missing.length) throw new Error(`these images from the set could not be imported, so no annotations were: ${missing.join(', ')}`);
      }
      const analyst = useReview.getState().analyst;
      const changes = importChanges(plan, (name) => shaOf.get(name), analyst, new Date().toISOString(), () => crypto.randomUUID());
      await importAnnotations({ db: await database(), changes, newLabels: plan.newLabels, analyst, sign: signedEntry });
      pending = null;
      set({ preview: null, importSummary: `Imported ${plural(plan.annotations, 'annotation')} into ${plural(changes.length, 'image')} (source import:${plan.format}, accepted)${plan.newLabels.length ? `; new labels: ${plan.newLabels.join(', ')}` : ''}.` });
      await useReview.getState().load(useLibrary.getState().selected);
      await useReview.getState().checkAudit();
    } catch (error) {
      set({ problems: [`Nothing was imported: ${errorMessage(error)}`] });
    } finally {
      set({ importing: false });
    }
  },

  resetImport() {
    pending = null;
    set({ preview: null, problems: [], importSummary: null });
  },
}));
