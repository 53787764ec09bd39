import type { ImageSummary } from '../domain/gallery-filter';
import type { WorkbenchDb } from './db';

/** Every image's annotation summary: one read of a small record per image, never the annotations themselves. */
export async function listSummaries(db: WorkbenchDb): Promise<Map<string, ImageSummary>> {
  const all = await db.getAll('imageSummaries');
  return new Map(all.map((s) => [s.imageSha256, s]));
}
