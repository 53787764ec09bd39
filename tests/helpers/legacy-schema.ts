// The object stores of earlier schema versions exactly as they shipped, for migration tests. Written out here
// rather than taken from src/storage/db.ts: a later edit there must not change what "version 1" means to a test.

interface UpgradingDb {
  createObjectStore(name: string, options?: IDBObjectStoreParameters): { createIndex(name: string, keyPath: string): unknown };
}

export function createVersion1Stores(db: UpgradingDb): void {
  db.createObjectStore('images', { keyPath: 'sha256' }).createIndex('byImportedAt', 'importedAt');
  db.createObjectStore('blobs');
  db.createObjectStore('thumbnails');
  const predictions = db.createObjectStore('predictions', { keyPath: 'key' });
  predictions.createIndex('byImage', 'imageSha256');
  predictions.createIndex('byRun', 'runKey');
  db.createObjectStore('settings');
}

/** Version 2's additions (on top of version 1's stores). */
export function createVersion2Stores(db: UpgradingDb): void {
  db.createObjectStore('jobs', { keyPath: 'id' }).createIndex('byStatus', 'status');
  db.createObjectStore('tileCheckpoints');
  db.createObjectStore('previews');
  db.createObjectStore('annotations', { keyPath: 'id' }).createIndex('byImage', 'imageSha256');
  db.createObjectStore('audit', { keyPath: 'seq' });
}

/** Version 3's addition (on top of version 2's stores). */
export function createVersion3Stores(db: UpgradingDb): void {
  db.createObjectStore('imageSummaries', { keyPath: 'imageSha256' });
}
