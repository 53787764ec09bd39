import { useState } from 'react';
import { AddModelDialog } from './AddModelDialog';
import { LibraryDialog } from './LibraryDialog';
import './models.css';

/** Add model… and the model library, beside the model picker. */
export function ModelButtons() {
  const [open, setOpen] = useState<'add' | 'library' | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  return (
    <span className="model-buttons">
      <button type="button" onClick={() => (setMessage(null), setOpen('add'))}>
        Add model…
      </button>
      <button type="button" onClick={() => setOpen('library')}>
        Library…
      </button>
      {message && (
        <span role="status" className="hint">
          {message}
        </span>
      )}
      {open === 'add' && (
        <AddModelDialog
          onClose={(done) => {
            setOpen(null);
            if (done) setMessage(done);
          }}
        />
      )}
      {open === 'library' && <LibraryDialog onClose={() => setOpen(null)} />}
    </span>
  );
}
