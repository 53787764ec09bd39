import { useDetection } from '../../state/detection';
import { useLibrary } from '../../state/library';
import { useProjects } from '../../state/projects';
import { useBackup } from '../../state/projects-backup';
import { useToasts } from '../../state/toasts';
import { ImportProblemsToast, ImportSummaryToast } from '../importer/ImportReport';
import { OfflineToasts } from '../offline/OfflineToasts';
import { Toast } from './Toast';

/**
 * Messages that only report (an import's summary, a backup written, an export done) go once the person works on the
 * canvas again; warnings and errors stay until dismissed.
 */
export function dismissInfoMessages(): void {
  if (useLibrary.getState().lastImport) useLibrary.getState().dismissSummary();
  const backup = useBackup.getState();
  if (backup.message && !backup.error) backup.dismiss();
  const { toasts, dismiss } = useToasts.getState();
  for (const t of toasts) if (t.tone === 'info') dismiss(t.key);
}

/**
 * Where messages appear: over the bottom of the canvas, never in the header or between panels, so nothing moves
 * when one comes. Each source is one line here; a feature with messages of its own adds its line.
 */
export function ToastArea() {
  return (
    <div className="toast-area" aria-label="Messages" role="region">
      <FatalToast />
      <OfflineToasts />
      <ImportSummaryToast />
      <ImportProblemsToast />
      <BackupToast />
      <ProjectErrorToast />
      <EngineNoticeToast />
      <ActionToasts />
    </div>
  );
}

function FatalToast() {
  const fatal = useLibrary((s) => s.fatal);
  return fatal ? <Toast tone="error">{fatal}</Toast> : null;
}

function BackupToast() {
  const { message, error, dismiss } = useBackup();
  if (!message && !error) return null;
  return (
    <Toast tone={error ? 'error' : 'info'} testId="backup-message" onDismiss={dismiss}>
      {error ?? message}
    </Toast>
  );
}

function ProjectErrorToast() {
  const error = useProjects((s) => s.error);
  const dismiss = useProjects((s) => s.dismissError);
  return error ? (
    <Toast tone="error" onDismiss={dismiss}>
      {error}
    </Toast>
  ) : null;
}

/** Something about the engine that is not an error (a preference storage could not keep, a fallback taken). */
function EngineNoticeToast() {
  const notice = useDetection((s) => s.notice);
  return notice ? (
    <Toast tone="warning" testId="engine-notice" onDismiss={() => useDetection.getState().dismissNotice()}>
      {notice}
    </Toast>
  ) : null;
}

/** Outcomes of one-off actions (an export written, a model added, a bulk change). */
function ActionToasts() {
  const { toasts, dismiss } = useToasts();
  return (
    <>
      {toasts.map((t) => (
        <Toast key={t.key} tone={t.tone} testId={t.testId} onDismiss={() => dismiss(t.key)}>
          {t.text}
        </Toast>
      ))}
    </>
  );
}
