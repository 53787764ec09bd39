import type { ReactNode } from 'react';
import type { ToastTone } from '../../state/toasts';

interface Props {
  tone: ToastTone;
  children: ReactNode;
  onDismiss?: () => void;
  /** The accessible name of the message (a banner with buttons says what it is about). */
  label?: string;
  testId?: string;
}

/** One message in the toast area: errors are alerts, the rest statuses; the close button sits beside the text. */
export function Toast({ tone, children, onDismiss, label, testId }: Props) {
  return (
    <div className={`toast ${tone}`}>
      <div className="toast-text" role={tone === 'error' ? 'alert' : 'status'} aria-label={label} data-testid={testId}>
        {children}
      </div>
      {onDismiss && (
        <button type="button" className="toast-close" aria-label="Dismiss" title="Dismiss" onClick={onDismiss}>
          ✕
        </button>
      )}
    </div>
  );
}
