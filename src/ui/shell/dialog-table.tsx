import type { ComponentType } from 'react';
import { notify } from '../../state/toasts';
import { ExportDialog, ImportDialog } from '../dataset/lazy-dialogs';
import { CaseReportDialog } from '../evidence/CaseReportDialog';
import { HashListDialog } from '../evidence/HashListDialog';
import { SimilarImagesDialog } from '../evidence/SimilarImagesDialog';
import { AddModelDialog } from '../models/AddModelDialog';
import { LibraryDialog } from '../models/LibraryDialog';
import { BackupDialog } from '../projects/BackupDialog';
import { DeleteProjectDialog, NewProjectDialog, RenameProjectDialog } from '../projects/ProjectDialogs';
import { SettingsDialog } from '../settings/SettingsDialog';

function AddModel({ onClose }: { onClose(): void }) {
  return (
    <AddModelDialog
      onClose={(done) => {
        onClose();
        if (done) notify({ key: 'add-model', tone: 'info', text: done });
      }}
    />
  );
}

/** Every dialog a menu item or button opens by id (state/dialogs.ts): one more dialog is one more line. */
export const DIALOGS: Record<string, ComponentType<{ onClose(): void }>> = {
  'new-project': NewProjectDialog,
  'rename-project': RenameProjectDialog,
  'delete-project': DeleteProjectDialog,
  backup: BackupDialog,
  'import-dataset': ImportDialog,
  'export-dataset': ExportDialog,
  'case-report': CaseReportDialog,
  similar: SimilarImagesDialog,
  'hash-lists': HashListDialog,
  settings: SettingsDialog,
  'add-model': AddModel,
  library: LibraryDialog,
};
