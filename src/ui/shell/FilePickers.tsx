import { useLibrary } from '../../state/library';
import { useBackup } from '../../state/projects-backup';
import { withoutHiddenFiles } from '../importer/collect-files';

type Picker = 'images' | 'folder' | 'backup';

/** The page's file choosers, opened by menu items and buttons anywhere (a click on a hidden input opens the chooser). */
const inputs: Partial<Record<Picker, HTMLInputElement | null>> = {};

export const choose = (picker: Picker) => inputs[picker]?.click();

const importChosen = (input: HTMLInputElement) => {
  const files = withoutHiddenFiles(Array.from(input.files ?? []));
  input.value = '';
  if (files.length > 0) void useLibrary.getState().importFiles(files);
};

/** Mounted once: the hidden inputs behind Import images…, Import folder… and Restore backup…. */
export function FilePickers() {
  return (
    <div hidden>
      <input ref={(e) => void (inputs.images = e)} type="file" accept="image/*" multiple data-testid="file-input" aria-label="Images to import" onChange={(e) => importChosen(e.currentTarget)} />
      <input
        ref={(e) => void (inputs.folder = e)}
        type="file"
        multiple
        data-testid="folder-input"
        aria-label="Folder to import"
        {...{ webkitdirectory: '' }}
        onChange={(e) => importChosen(e.currentTarget)}
      />
      <input
        ref={(e) => void (inputs.backup = e)}
        type="file"
        accept=".zip,application/zip"
        data-testid="restore-input"
        aria-label="Backup to restore"
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          e.currentTarget.value = '';
          if (file) void useBackup.getState().restore(file);
        }}
      />
    </div>
  );
}
