import { create } from 'zustand';
import { bundleImageFiles, BundleWriter, readBundle } from '../domain/backup';
import { freeName, newProject } from '../domain/project';
import { backupProject, restoreProject, saveProject, SCHEMA_VERSION } from '../storage';
import { formatBytes } from '../pwa/storage';
import { useLibrary } from './library';
import { useProjects } from './projects';
import { database, errorMessage } from './project-context';
import { useZipLimits, withZipLimitHint } from './zip-limits';
import { blobSource } from '../platform/blob-source';

interface BackupState {
  /** What is happening now, in words ("Checking backup.zip…"); null when idle. */
  working: string | null;
  message: string | null;
  error: string | null;
  /** The bundle of the open project, and the name to save it under. */
  backup(includeImages: boolean): Promise<{ bundle: Blob; fileName: string } | null>;
  /** Checks the whole bundle before writing anything, then restores it as a new project and opens it. */
  restore(file: File): Promise<void>;
  dismiss(): void;
}

/**
 * fflate writes no ZIP64, so one bundle stays under 4 GB: a backup whose images pass 2 GB is refused up front
 * with the way out (back up without images: annotations, results, audit, thumbnails; keep the originals).
 */
export const MAX_BUNDLE_IMAGE_BYTES = 2_000_000_000;

const safeFileName = (name: string) => name.replace(/[^\p{L}\p{N}._ -]+/gu, '_').trim() || 'project';

export const useBackup = create<BackupState>((set) => ({
  working: null,
  message: null,
  error: null,

  async backup(includeImages) {
    const project = useProjects.getState().current;
    if (!project) return null;
    set({ working: `Backing up “${project.name}”…`, error: null, message: null });
    try {
      if (includeImages) {
        const total = useLibrary.getState().images.reduce((sum, image) => sum + image.bytes, 0);
        if (total > MAX_BUNDLE_IMAGE_BYTES) {
          set({ error: `The images of “${project.name}” total ${formatBytes(total)}, more than one backup file can hold here (${formatBytes(MAX_BUNDLE_IMAGE_BYTES)}). Back up without images and keep the original files.` });
          return null;
        }
      }
      const created = new Date().toISOString();
      // Zip bytes move into Blobs every few megabytes, so the page's memory holds little of a large backup.
      const parts: Blob[] = [];
      let pending: Uint8Array[] = [];
      let pendingBytes = 0;
      const flush = () => {
        parts.push(new Blob(pending as Uint8Array<ArrayBuffer>[]));
        pending = [];
        pendingBytes = 0;
      };
      const writer = new BundleWriter((chunk) => {
        pending.push(chunk);
        pendingBytes += chunk.length;
        if (pendingBytes > 16_000_000) flush();
      });
      const counts = await backupProject(await database(), includeImages, writer);
      await writer.finish({ projectName: project.name, schemaVersion: SCHEMA_VERSION, created, auditHead: counts.auditHead });
      flush();
      const fileName = `${safeFileName(project.name)}-${created.slice(0, 10)}.workbench.zip`;
      set({ message: `Backup of “${project.name}”: ${counts.images} images, ${counts.annotations} annotations, ${counts.audit} audit entries${includeImages ? '' : ' (without the original images)'}.` });
      return { bundle: new Blob(parts, { type: 'application/zip' }), fileName };
    } catch (error) {
      set({ error: `Backup failed: ${errorMessage(error)}` });
      return null;
    } finally {
      set({ working: null });
    }
  },

  async restore(file) {
    set({ working: `Checking ${file.name}…`, error: null, message: null });
    try {
      // Read by byte ranges (a large bundle is never in memory whole), within the zip limits.
      const source = blobSource(file);
      const { limits } = useZipLimits.getState();
      const { manifest, data, imageFiles } = await readBundle(source, SCHEMA_VERSION, file.name, limits);
      const name = freeName(manifest.projectName, useProjects.getState().projects);
      const project = newProject(name, crypto.randomUUID(), new Date().toISOString());
      set({ working: `Restoring “${name}”…` });
      await restoreProject(project.dbName, data, bundleImageFiles(source, file.name, limits), (done) => set({ working: `Restoring “${name}”: ${done} / ${imageFiles} image files…` }));
      await saveProject(project);
      await useProjects.getState().adopt(project);
      set({ message: `Restored “${name}” from ${file.name}: ${data.images.length} images, ${data.annotations.length} annotations, audit chain of ${data.audit.length} entries verified, annotations replayed from it.` });
    } catch (error) {
      set({ error: withZipLimitHint(`${file.name} was not restored: ${errorMessage(error)}`) });
    } finally {
      set({ working: null });
    }
  },

  dismiss: () => set({ message: null, error: null }),
}));
