interface Props {
  label: string;
  done: number;
  total: number;
  detail?: string;
  onCancel?: () => void;
}

export function ProgressBar({ label, done, total, detail, onCancel }: Props) {
  return (
    <div className="progress" role="group" aria-label={`${label} progress`}>
      <span className="progress-label">
        {label} {done} / {total}
        {detail && <span className="progress-detail"> · {detail}</span>}
      </span>
      <progress max={Math.max(total, 1)} value={done} />
      {onCancel && (
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      )}
    </div>
  );
}
