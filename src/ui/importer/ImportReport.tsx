import { useLibrary } from '../../state/library';
import { ProgressBar } from '../batch/ProgressBar';

export function ImportReport() {
  const { importing, lastImport, problems, cancelImport, skipImportFile, dismissProblems } = useLibrary();
  const noted = problems.filter((p) => p.imported).length;
  const failed = problems.length - noted;

  return (
    <>
      {importing && (
        <>
          <ProgressBar label="Importing" done={importing.done} total={importing.total} {...(importing.detail ? { detail: importing.detail } : {})} onCancel={cancelImport} />
          {importing.total > 1 && (
            <button type="button" onClick={skipImportFile} title="Stop this file now and go on with the next">
              Skip this file
            </button>
          )}
        </>
      )}
      {lastImport && !importing && (
        <p className="import-summary" role="status">
          Imported {lastImport.added} {lastImport.added === 1 ? 'image' : 'images'}
          {lastImport.duplicates > 0 && `, ${lastImport.duplicates} already present (same SHA-256)`}
          {lastImport.failed > 0 && `, ${lastImport.failed} could not be imported`}
          {lastImport.skipped ? `, ${lastImport.skipped} skipped` : ''}
          {lastImport.cancelled ? `; cancelled, ${lastImport.cancelled} files not imported` : ''}.
        </p>
      )}
      {problems.length > 0 && (
        <section className="problems" aria-label="Import problems">
          <header>
            <strong>
              {failed > 0 && `${failed} ${failed === 1 ? 'file was' : 'files were'} not imported`}
              {failed > 0 && noted > 0 && '; '}
              {noted > 0 && `${noted} ${noted === 1 ? 'file was' : 'files were'} imported with a note`}
            </strong>
            <button type="button" onClick={dismissProblems}>
              Dismiss
            </button>
          </header>
          <ul>
            {problems.map((p, i) => (
              <li key={`${p.file}-${i}`}>
                <span className="file">{p.file}</span>: {p.reason}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
