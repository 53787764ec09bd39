import { create } from 'zustand';
import { readBundle, writeBundle } from '../domain/backup';
import { freeName, newProject } from '../domain/project';
import { dumpProject, restoreProject, saveProject, SCHEMA_VERSION } from '../storage';
import { formatBytes } from '../pwa/storage';
import { useLibrary } from './library';
import { useProjects } from './projects';
import { database, errorMessage } from './services';

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
 * A bundle is built in memory and fflate writes no ZIP64, so a backup with images stays well under 4 GB; past
 * this the user is asked to back up without images (annotations, results, audit, thumbnails) and keep the originals.
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
      const contents = await dumpProject(await database(), includeImages);
      const created = new Date().toISOString();
      const zip = await writeBundle(contents, { projectName: project.name, schemaVersion: SCHEMA_VERSION, created });
      const fileName = `${safeFileName(project.name)}-${created.slice(0, 10)}.workbench.zip`;
      set({ message: `Backup of “${project.name}”: ${contents.images.length} images, ${contents.annotations.length} annotations, ${contents.audit.length} audit entries${includeImages ? '' : ' (without the original images)'}.` });
      return { bundle: new Blob([zip as Uint8Array<ArrayBuffer>], { type: 'application/zip' }), fileName };
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
      const { manifest, contents } = await readBundle(new Uint8Array(await file.arrayBuffer()), SCHEMA_VERSION, file.name);
      const name = freeName(manifest.projectName, useProjects.getState().projects);
      const project = newProject(name, crypto.randomUUID(), new Date().toISOString());
      set({ working: `Restoring “${name}”…` });
      await restoreProject(project.dbName, contents, (done, total) => set({ working: `Restoring “${name}”: ${done} / ${total} images…` }));
      await saveProject(project);
      await useProjects.getState().adopt(project);
      set({ message: `Restored “${name}” from ${file.name}: ${contents.images.length} images, ${contents.annotations.length} annotations, audit chain of ${contents.audit.length} entries verified.` });
    } catch (error) {
      set({ error: `${file.name} was not restored: ${errorMessage(error)}` });
    } finally {
      set({ working: null });
    }
  },

  dismiss: () => set({ message: null, error: null }),
}));
