import { useRef } from 'react';
import { useLibrary } from '../../state/library';
import { withoutHiddenFiles } from './collect-files';

export function ImportButtons() {
  const importFiles = useLibrary((s) => s.importFiles);
  const importing = useLibrary((s) => s.importing !== null);
  const filesInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);

  const onChosen = (input: HTMLInputElement | null) => {
    const files = withoutHiddenFiles(Array.from(input?.files ?? []));
    if (input) input.value = '';
    if (files.length > 0) void importFiles(files);
  };

  return (
    <div className="import-buttons">
      <button type="button" disabled={importing} onClick={() => filesInput.current?.click()}>
        Import images…
      </button>
      <button type="button" disabled={importing} onClick={() => folderInput.current?.click()}>
        Import folder…
      </button>
      <input
        ref={filesInput}
        type="file"
        accept="image/*"
        multiple
        hidden
        data-testid="file-input"
        onChange={(e) => onChosen(e.currentTarget)}
      />
      <input
        ref={folderInput}
        type="file"
        multiple
        hidden
        data-testid="folder-input"
        {...{ webkitdirectory: '' }}
        onChange={(e) => onChosen(e.currentTarget)}
      />
    </div>
  );
}
