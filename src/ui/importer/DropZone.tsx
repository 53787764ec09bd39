import { type ReactNode, useState } from 'react';
import { useLibrary } from '../../state/library';
import { filesFromDrop, withoutHiddenFiles } from './collect-files';

const carriesFiles = (e: React.DragEvent) => Array.from(e.dataTransfer.types).includes('Files');

/** The whole window accepts dropped images and folders. */
export function DropZone({ children }: { children: ReactNode }) {
  const importFiles = useLibrary((s) => s.importFiles);
  const [over, setOver] = useState(false);

  return (
    <div
      className="drop-zone"
      onDragOver={(e) => {
        if (!carriesFiles(e)) return;
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={(e) => {
        if (e.currentTarget === e.target) setOver(false);
      }}
      onDrop={(e) => {
        if (!carriesFiles(e)) return;
        e.preventDefault();
        setOver(false);
        void filesFromDrop(e.dataTransfer).then((files) => importFiles(withoutHiddenFiles(files)));
      }}
    >
      {children}
      {over && <div className="drop-overlay">Drop images or folders to import</div>}
    </div>
  );
}
