import { useState } from 'react';
import { useCaseReport } from '../../state/case-report';
import { useReview } from '../../state/review';
import { useSelection } from '../../state/selection';
import { Modal } from '../common/Modal';
import './evidence.css';

/** Case number, analyst and images for the case report (one self-contained, printable HTML file). */
export function CaseReportDialog({ onClose }: { onClose(): void }) {
  const picked = useSelection((s) => s.picked.size);
  const analystSource = useReview((s) => s.analyst);
  const { writing, message, error, write } = useCaseReport();
  const [caseNumber, setCaseNumber] = useState('');
  const [analyst, setAnalyst] = useState(analystSource.replace(/^human:/, ''));
  const [scope, setScope] = useState<'picked' | 'shown'>(picked > 0 ? 'picked' : 'shown');

  return (
    <Modal
      title="Case report"
      className="evidence-dialog"
      onClose={onClose}
      footer={
        <>
          <div className="footer-status">
            {writing && (
              <p role="status">
                Gathering {writing.done} / {writing.total} <progress max={writing.total} value={writing.done} aria-label="Images gathered" />
              </p>
            )}
            {error && (
              <p className="error" role="alert">
                {error}
              </p>
            )}
            {message && <p role="status">{message}</p>}
          </div>
          <button type="button" onClick={onClose}>
            Close
          </button>
          <button type="button" className="primary" disabled={writing !== null} onClick={() => void write({ caseNumber, analyst, scope })}>
            Write report
          </button>
        </>
      }
    >
      <fieldset>
        <legend>Case</legend>
        <label>
          Case number <input aria-label="Case number" value={caseNumber} onChange={(e) => setCaseNumber(e.target.value)} />
        </label>
        <label>
          Analyst <input aria-label="Analyst" value={analyst} onChange={(e) => setAnalyst(e.target.value)} />
        </label>
      </fieldset>
      <fieldset>
        <legend>Images</legend>
        <label>
          <input type="radio" name="report-scope" checked={scope === 'shown'} onChange={() => setScope('shown')} /> Every image the gallery shows
        </label>
        <label>
          <input type="radio" name="report-scope" disabled={picked === 0} checked={scope === 'picked'} onChange={() => setScope('picked')} /> Picked images ({picked})
        </label>
      </fieldset>
      <p className="hint">
        Per image: thumbnail, file name, size, MD5, SHA-1, SHA-256, capture time and GPS, reviewed labels with who made and decided them, hash-set
        matches; at the end the audit log's head hash and entry count. The file needs nothing else to open and prints to PDF from the browser.
      </p>
    </Modal>
  );
}
