import { clipBox } from '../../geometry';
import { ProblemList } from '../../dataset/errors';
import { baseName, type Dataset, type DatasetAnnotation, type DatasetImage, type KnownImages, stemOf, type TextFiles } from '../../dataset/model';
import { parseSimpleYaml, type YamlValue } from './yaml';

/** Normalised values may pass 0 or 1 by this much (6-decimal rounding of a box that touches the edge). */
const TOLERANCE = 1e-5;

/**
 * Reads a YOLO set: class names from `data.yaml` (`names` as a list or an index map) or `classes.txt`, then
 * every label file (`*.txt` other than those) as `class cx cy w h` lines, matched to an image by file stem.
 * YOLO stores no image sizes, so every label file must have its image among `known` (the project's images
 * and those in the set). All problems are collected; any problem refuses the whole set (DatasetError).
 */
export function parseYolo(files: TextFiles, known: KnownImages): Dataset {
  const problems = new ProblemList();
  const { names, listFiles } = readNames(files, problems);
  problems.throwIfAny();
  const byStem = new Map<string, string[]>();
  for (const name of known.keys()) byStem.set(stemOf(name), [...(byStem.get(stemOf(name)) ?? []), name]);

  const images: DatasetImage[] = [];
  const annotations: DatasetAnnotation[] = [];
  const labelFiles = Object.keys(files)
    .filter((p) => p.toLowerCase().endsWith('.txt') && baseName(p) !== 'classes.txt' && !listFiles.has(p) && !/(^|\/)ImageSets\//.test(p))
    .sort();
  const seen = new Map<string, string>();
  for (const path of labelFiles) {
    const stem = stemOf(path);
    const candidates = byStem.get(stem) ?? [];
    if (candidates.length === 0) {
      problems.add(path, `no image named ${stem}.* in the project or in the set`);
      continue;
    }
    if (candidates.length > 1) {
      problems.add(path, `more than one image could be meant: ${candidates.join(', ')}`);
      continue;
    }
    const fileName = candidates[0]!;
    if (seen.has(fileName)) {
      problems.add(path, `a second label file for ${fileName} (the first is ${seen.get(fileName)})`);
      continue;
    }
    seen.set(fileName, path);
    const { width, height } = known.get(fileName)!;
    images.push({ fileName, width, height, origin: path });
    files[path]!.split(/\r?\n/).forEach((raw, index) => {
      const line = index + 1;
      const text = raw.trim();
      if (text === '') return;
      const fields = text.split(/\s+/);
      if (fields.length !== 5) return problems.add(path, `expected 5 fields (class cx cy w h), got ${fields.length}`, { line });
      const [cls, ...rest] = fields as [string, string, string, string, string];
      const classIndex = Number(cls);
      if (!/^\d+$/.test(cls) || classIndex >= names.length) {
        return problems.add(path, `unknown class id ${cls} (the set has ${names.length} classes, 0 to ${names.length - 1})`, { line });
      }
      const values = rest.map(Number);
      if (!values.every(Number.isFinite)) return problems.add(path, `cx cy w h must be numbers, got "${rest.join(' ')}"`, { line });
      const [cx, cy, w, h] = values as [number, number, number, number];
      const x1 = cx - w / 2;
      const y1 = cy - h / 2;
      if (w <= 0 || h <= 0) return problems.add(path, `empty box (w ${w}, h ${h})`, { line });
      if ([x1, y1].some((v) => v < -TOLERANCE) || x1 + w > 1 + TOLERANCE || y1 + h > 1 + TOLERANCE || [cx, cy, w, h].some((v) => v > 1 + TOLERANCE)) {
        return problems.add(path, `coordinates outside the image: normalised values must keep the box within 0–1, got "${rest.join(' ')}"`, { line });
      }
      const box = clipBox({ x: x1 * width, y: y1 * height, w: w * width, h: h * height }, width, height);
      annotations.push({ imageFileName: fileName, label: names[classIndex]!, box, origin: `${path} line ${line}` });
    });
  }
  if (labelFiles.length === 0) problems.add('(set)', 'no label files (labels/*.txt) found');
  problems.throwIfAny();
  return { labels: [...new Set(names)], images, annotations };
}

function readNames(files: TextFiles, problems: ProblemList): { names: string[]; listFiles: Set<string> } {
  const yamlPath = Object.keys(files).find((p) => baseName(p) === 'data.yaml') ?? Object.keys(files).find((p) => /\.ya?ml$/i.test(p));
  const listFiles = new Set<string>();
  if (yamlPath) {
    const yaml = parseSimpleYaml(files[yamlPath]!, yamlPath);
    for (const key of ['train', 'val', 'test']) {
      const value = yaml[key];
      if (typeof value === 'string' && value.endsWith('.txt')) for (const p of Object.keys(files)) if (p.endsWith(value.replace(/^\.\//, ''))) listFiles.add(p);
    }
    const names = namesOf(yaml.names, yamlPath, problems);
    if (names && typeof yaml.nc === 'string' && Number(yaml.nc) !== names.length) {
      problems.add(yamlPath, `nc is ${yaml.nc} but names lists ${names.length} classes`, { field: 'nc' });
    }
    return { names: names ?? [], listFiles };
  }
  const classesPath = Object.keys(files).find((p) => baseName(p) === 'classes.txt');
  if (!classesPath) {
    problems.add('(set)', 'no data.yaml or classes.txt: the class names are missing');
    return { names: [], listFiles };
  }
  const names = files[classesPath]!.split(/\r?\n/).map((l) => l.trim());
  while (names.length && names[names.length - 1] === '') names.pop();
  names.forEach((n, i) => n === '' && problems.add(classesPath, 'empty class name', { line: i + 1 }));
  return { names, listFiles };
}

function namesOf(value: YamlValue | undefined, file: string, problems: ProblemList): string[] | null {
  if (Array.isArray(value)) return value;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    const names: string[] = [];
    for (const [key, name] of entries) {
      const index = Number(key);
      if (!/^\d+$/.test(key) || index >= entries.length) problems.add(file, `class ids must run 0 to ${entries.length - 1}, got ${key}`, { field: `names.${key}` });
      else names[index] = name;
    }
    return names;
  }
  problems.add(file, 'names is missing: a list of class names, or a map of class id to name', { field: 'names' });
  return null;
}
