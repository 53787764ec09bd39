import { useState } from 'react';
import { ZipLimitsDialog } from './ZipLimitsDialog';
import './settings.css';

/** App-wide settings that are not about one project: the limits on zips the workbench reads. */
export function SettingsButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Settings…
      </button>
      {open && <ZipLimitsDialog onClose={() => setOpen(false)} />}
    </>
  );
}
