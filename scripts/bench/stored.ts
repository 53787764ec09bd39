// The results the app stored in the open (default) project, read from the page as the app wrote them.
import type { Page } from 'playwright-core';
import type { PipelineStages } from '../../src/domain/prediction';

export interface StoredResult {
  imageSha256: string;
  detections: unknown;
  inferenceMs?: number;
  elapsedMs: number;
  stages?: PipelineStages;
  createdAt: string;
}

/** The open (default) project's stored results, oldest first. */
export async function storedResults(page: Page): Promise<StoredResult[]> {
  const all = await page.evaluate(
    () =>
      new Promise<StoredResult[]>((resolve, reject) => {
        const open = indexedDB.open('recognition-workbench');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction('predictions').objectStore('predictions').getAll();
          request.onsuccess = () => {
            open.result.close();
            resolve(request.result as StoredResult[]);
          };
          request.onerror = () => reject(request.error);
        };
      }),
  );
  return all.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}
