// A dataset file read as training data: every box and image tag in it counts as reviewed (as an import does in the app).
import type { Annotation } from '../annotation';
import type { Dataset } from '../dataset/model';

/** The set's boxes and tags as accepted annotations, by image file name. */
export function datasetAnnotations(dataset: Dataset): Map<string, Annotation[]> {
  const byImage = new Map<string, Annotation[]>(dataset.images.map((i) => [i.fileName, []]));
  const at = '1970-01-01T00:00:00.000Z';
  const base = { status: 'accepted' as const, source: 'import:dataset' as const, createdAt: at, updatedAt: at };
  dataset.annotations.forEach((a, n) => {
    byImage.get(a.imageFileName)?.push({ ...base, id: `box-${n}`, imageSha256: a.imageFileName, shape: { kind: 'bbox', box: { ...a.box } }, label: a.label });
  });
  for (const image of dataset.images) {
    for (const [n, tag] of (image.tags ?? []).entries()) {
      byImage.get(image.fileName)!.push({ ...base, id: `tag-${n}`, imageSha256: image.fileName, shape: { kind: 'bbox', box: { x: 0, y: 0, w: image.width, h: image.height } }, label: tag, scope: 'image' });
    }
  }
  return byImage;
}

/**
 * An image classification set in folders, one per class (ultralytics' classify layout, which the YOLO export writes:
 * classify/train/cat/1.jpg): each image's tag is the folder it is in. Null when an image lies outside any folder.
 */
export function tagsFromFolders(imagePaths: readonly string[]): Map<string, string> | null {
  const labels = new Map<string, string>();
  for (const path of imagePaths) {
    const parts = path.split('/');
    if (parts.length < 2) return null;
    labels.set(path, parts[parts.length - 2]!);
  }
  return labels;
}
