// A project backup: one zip with a manifest that names every other file with its size and SHA-256.
import type { Annotation } from '../annotation';
import type { AuditEntry } from '../audit';
import type { ChainHead } from '../audit-replay';
import type { PublicSigningKey } from '../audit-signature';
import type { ImageRecord } from '../image';
import type { LabelSet } from '../labels';
import type { PredictionRecord } from '../prediction';

export const BUNDLE_FORMAT = 'recognition-workbench-project';
export const BUNDLE_VERSION = 1;

export interface ManifestFile {
  path: string;
  sha256: string;
  bytes: number;
}

export interface BundleManifest {
  format: typeof BUNDLE_FORMAT;
  formatVersion: number;
  /** The storage schema the project was written with. */
  schemaVersion: number;
  projectName: string;
  /** When the backup was made. */
  created: string;
  /** Whether original image bytes are in the bundle (images/<sha256>, those the project held); thumbnails always are. */
  includesImages: boolean;
  /**
   * Where the project's audit log ends (entry count and last hash), as the project recorded it: audit.json must end
   * there, so a log cut short shows even when the manifest's file hashes were made to agree. Absent in backups made
   * before it was recorded.
   */
  auditHead?: ChainHead;
  files: ManifestFile[];
}

/** Everything of a project a bundle carries. Review statuses travel in the image records (`review`). */
export interface ProjectContents {
  images: ImageRecord[];
  annotations: Annotation[];
  predictions: PredictionRecord[];
  audit: AuditEntry[];
  labels: LabelSet;
  /** Public keys that signed audit entries (absent in backups made before entries were signed). */
  keys?: PublicSigningKey[];
  /** Original bytes by SHA-256; empty when the backup leaves images out. */
  blobs: Map<string, Uint8Array>;
  thumbnails: Map<string, Uint8Array>;
  previews: Map<string, Uint8Array>;
}

export const PATHS = {
  manifest: 'manifest.json',
  images: 'images.json',
  annotations: 'annotations.json',
  predictions: 'predictions.json',
  audit: 'audit.json',
  labels: 'labels.json',
  keys: 'keys.json',
  blob: (sha256: string) => `images/${sha256}`,
  thumbnail: (sha256: string) => `thumbnails/${sha256}`,
  preview: (sha256: string) => `previews/${sha256}`,
} as const;

/** Refused bundle: the message names the file at fault. */
export class BundleError extends Error {
  override name = 'BundleError';
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`${file}: ${reason}`);
  }
}
