import { useState } from 'react';
import { ExportDialog, ImportDialog } from './lazy-dialogs';
import './dataset.css';

/** The toolbar's way into dataset export (COCO, YOLO, VOC, CSV as one zip) and import. */
export function DatasetButtons() {
  const [open, setOpen] = useState<'export' | 'import' | null>(null);
  return (
    <div className="dataset-buttons" role="group" aria-label="Dataset">
      <button type="button" onClick={() => setOpen('export')}>
        Export dataset…
      </button>
      <button type="button" onClick={() => setOpen('import')}>
        Import dataset…
      </button>
      {open === 'export' && <ExportDialog onClose={() => setOpen(null)} />}
      {open === 'import' && <ImportDialog onClose={() => setOpen(null)} />}
    </div>
  );
}
