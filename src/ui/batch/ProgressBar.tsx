import type { ReactNode } from 'react';

interface Props {
  label: string;
  done: number;
  total: number;
  detail?: string;
  onCancel?: () => void;
  /** More buttons for this work (Pause, Skip this file), before Cancel. */
  children?: ReactNode;
}

export function ProgressBar({ label, done, total, detail, onCancel, children }: Props) {
  return (
    <div className="progress" role="group" aria-label={`${label} progress`}>
      <span className="progress-label" title={detail}>
        {label} {done} / {total}
        {detail && <span className="progress-detail"> · {detail}</span>}
      </span>
      <progress max={Math.max(total, 1)} value={done} aria-label={`${label}: ${done} of ${total}`} />
      {children}
      {onCancel && (
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      )}
    </div>
  );
}
