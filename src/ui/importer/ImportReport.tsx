import { useLibrary } from '../../state/library';
import { ProgressBar } from '../batch/ProgressBar';
import { Toast } from '../shell/Toast';

/** The import under way, in the status bar: done / total, what it is doing, Skip this file and Cancel. */
export function ImportProgress() {
  const importing = useLibrary((s) => s.importing);
  const cancelImport = useLibrary((s) => s.cancelImport);
  const skipImportFile = useLibrary((s) => s.skipImportFile);
  if (!importing) return null;
  return (
    <ProgressBar label="Importing" done={importing.done} total={importing.total} {...(importing.detail ? { detail: importing.detail } : {})} onCancel={cancelImport}>
      {importing.total > 1 && (
        <button type="button" onClick={skipImportFile} title="Stop this file now and go on with the next">
          Skip this file
        </button>
      )}
    </ProgressBar>
  );
}

/** How the last import went, as a message. */
export function ImportSummaryToast() {
  const importing = useLibrary((s) => s.importing !== null);
  const lastImport = useLibrary((s) => s.lastImport);
  const dismiss = useLibrary((s) => s.dismissSummary);
  if (!lastImport || importing) return null;
  return (
    <Toast tone="info" onDismiss={dismiss}>
      Imported {lastImport.added} {lastImport.added === 1 ? 'image' : 'images'}
      {lastImport.duplicates > 0 && `, ${lastImport.duplicates} already present (same SHA-256)`}
      {lastImport.failed > 0 && `, ${lastImport.failed} could not be imported`}
      {lastImport.skipped ? `, ${lastImport.skipped} skipped` : ''}
      {lastImport.cancelled ? `; cancelled, ${lastImport.cancelled} files not imported` : ''}.
    </Toast>
  );
}

/** Each file that was not imported, or imported with a note, with the reason. */
export function ImportProblemsToast() {
  const problems = useLibrary((s) => s.problems);
  const dismissProblems = useLibrary((s) => s.dismissProblems);
  if (problems.length === 0) return null;
  const noted = problems.filter((p) => p.imported).length;
  const failed = problems.length - noted;
  return (
    <div className={`toast ${failed > 0 ? 'error' : 'warning'}`}>
      <section className="toast-text problems" aria-label="Import problems">
        <strong>
          {failed > 0 && `${failed} ${failed === 1 ? 'file was' : 'files were'} not imported`}
          {failed > 0 && noted > 0 && '; '}
          {noted > 0 && `${noted} ${noted === 1 ? 'file was' : 'files were'} imported with a note`}
        </strong>
        <ul>
          {problems.map((p, i) => (
            <li key={`${p.file}-${i}`}>
              <span className="file">{p.file}</span>: {p.reason}
            </li>
          ))}
        </ul>
      </section>
      <button type="button" className="toast-close" aria-label="Dismiss import problems" title="Dismiss" onClick={dismissProblems}>
        ✕
      </button>
    </div>
  );
}
