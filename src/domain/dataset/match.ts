import type { Annotation, Change, Source } from '../annotation';
import { isTiff, readImageHeader } from '../image-header';
import { ProblemList } from './errors';
import { baseName, type Dataset, type DatasetFormat, type KnownImages } from './model';
import type { SetFiles } from './zip';

export interface ProjectImage {
  sha256: string;
  fileName: string;
  width: number;
  height: number;
}

/** Sizes of the images brought in a set, by file name, read from their headers (TIFFs are left out). */
export function bundledImageSizes(images: SetFiles): Map<string, { width: number; height: number; path: string }> {
  const sizes = new Map<string, { width: number; height: number; path: string }>();
  for (const [path, bytes] of Object.entries(images)) {
    if (isTiff(bytes)) continue;
    try {
      const { width, height } = readImageHeader(bytes);
      if (!sizes.has(baseName(path))) sizes.set(baseName(path), { width, height, path });
    } catch {
      // not an image after all: it cannot be matched, and the plan says so where it matters
    }
  }
  return sizes;
}

/** The images a set may refer to: the project's (by file name) and those brought in it. */
export function knownImages(project: readonly ProjectImage[], bundled: KnownImages): Map<string, { width: number; height: number }> {
  const known = new Map<string, { width: number; height: number }>(bundled);
  for (const image of project) known.set(baseName(image.fileName), { width: image.width, height: image.height });
  return known;
}

export interface ImportPlan {
  format: DatasetFormat;
  dataset: Dataset;
  /** Set image file name → the project image it is. */
  matched: Map<string, ProjectImage>;
  /** Set images not in the project whose bytes came with the set: imported first. */
  fromSet: Map<string, string>;
  /** Set images neither in the project nor in the set, without annotations: ignored. */
  unmatched: string[];
  newLabels: string[];
  annotations: number;
}

/**
 * Matches a parsed set to the project by file name. Refused as a whole (DatasetError): an image with
 * annotations that is neither in the project nor brought in the set, a name that fits several project
 * images, a size that differs from the project image's (the boxes would land in the wrong place).
 */
export function planImport(
  format: DatasetFormat,
  dataset: Dataset,
  project: readonly ProjectImage[],
  bundled: ReadonlyMap<string, { width: number; height: number; path: string }>,
  labelSet: readonly string[],
): ImportPlan {
  const problems = new ProblemList();
  const byName = new Map<string, ProjectImage[]>();
  for (const image of project) byName.set(baseName(image.fileName), [...(byName.get(baseName(image.fileName)) ?? []), image]);
  const annotated = new Set(dataset.annotations.map((a) => a.imageFileName));
  const matched = new Map<string, ProjectImage>();
  const fromSet = new Map<string, string>();
  const unmatched: string[] = [];
  for (const image of dataset.images) {
    const name = baseName(image.fileName);
    const where = image.origin ?? image.fileName;
    const candidates = byName.get(name) ?? [];
    const inSet = bundled.get(name);
    if (candidates.length > 1) {
      const differentSizes = new Set(candidates.map((c) => `${c.width}x${c.height}`)).size > 1;
      if (annotated.has(image.fileName) && differentSizes) problems.add(where, `${candidates.length} project images are named ${name}; rename one before importing`);
      else matched.set(image.fileName, candidates[0]!);
    } else if (candidates.length === 1) matched.set(image.fileName, candidates[0]!);
    else if (inSet) fromSet.set(image.fileName, inSet.path);
    else if (annotated.has(image.fileName)) problems.add(where, `${name} is not in the project (import the image first, or bring it in the zip)`);
    else unmatched.push(image.fileName);
    const target = matched.get(image.fileName) ?? inSet;
    if (target && (target.width !== image.width || target.height !== image.height)) {
      problems.add(where, `${name} is ${image.width} × ${image.height} in the set but ${target.width} × ${target.height} in the ${matched.has(image.fileName) ? 'project' : 'zip'}`);
    }
  }
  problems.throwIfAny();
  const present = new Set(labelSet);
  const newLabels = dataset.labels.filter((l) => !present.has(l) && dataset.annotations.some((a) => a.label === l));
  return { format, dataset, matched, fromSet, unmatched, newLabels, annotations: dataset.annotations.length };
}

/**
 * One change per image: its imported boxes as new annotations, source `import:<format>`, status accepted
 * (a person chose to bring them in), recorded as `create` by the analyst who imported them.
 */
export function importChanges(plan: ImportPlan, shaOf: (fileName: string) => string | undefined, actor: Source, at: string, newId: () => string): Change[] {
  const source: Source = `import:${plan.format}`;
  const byImage = new Map<string, Annotation[]>();
  for (const a of plan.dataset.annotations) {
    const sha = shaOf(a.imageFileName);
    if (!sha) throw new Error(`${a.imageFileName} has no image in the project`);
    const annotation: Annotation = {
      id: newId(),
      imageSha256: sha,
      shape: { kind: 'bbox', box: { ...a.box } },
      label: a.label,
      ...(a.score !== undefined ? { score: a.score } : {}),
      source,
      status: 'accepted',
      createdAt: at,
      updatedAt: at,
    };
    (byImage.get(sha) ?? byImage.set(sha, []).get(sha)!).push(annotation);
  }
  return [...byImage].map(([imageSha256, after]) => ({ action: 'create', imageSha256, actor, at, before: [], after }));
}
