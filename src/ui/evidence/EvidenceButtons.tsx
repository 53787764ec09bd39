import { useState } from 'react';
import { exportGpsPoints } from '../../state/gps-export';
import { errorMessage } from '../../state/services';
import { CaseReportDialog } from './CaseReportDialog';
import { HashListDialog } from './HashListDialog';
import { SimilarImagesDialog } from './SimilarImagesDialog';
import './evidence.css';

type Open = 'hash-lists' | 'similar' | 'report' | null;

/** The toolbar's evidence tools: hash lists, similar images, GPS points of the shown images, the case report. */
export function EvidenceButtons() {
  const [open, setOpen] = useState<Open>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const gps = (kind: 'geojson' | 'csv') => {
    try {
      const n = exportGpsPoints(kind);
      setNotice(`Exported ${n} GPS ${n === 1 ? 'position' : 'positions'} as ${kind === 'geojson' ? 'GeoJSON' : 'CSV'}.`);
    } catch (error) {
      setNotice(`No GPS export: ${errorMessage(error)}`);
    }
  };
  return (
    <div className="evidence-buttons" role="group" aria-label="Evidence">
      <button type="button" onClick={() => setOpen('hash-lists')}>
        Hash lists…
      </button>
      <button type="button" onClick={() => setOpen('similar')}>
        Similar images…
      </button>
      <button type="button" title="GPS positions of the images the gallery shows, as GeoJSON points (WGS 84)" onClick={() => gps('geojson')}>
        GPS GeoJSON
      </button>
      <button type="button" title="GPS positions of the images the gallery shows, as CSV" onClick={() => gps('csv')}>
        GPS CSV
      </button>
      <button type="button" onClick={() => setOpen('report')}>
        Case report…
      </button>
      {notice && (
        <span role="status" data-testid="evidence-notice">
          {notice}
        </span>
      )}
      {open === 'hash-lists' && <HashListDialog onClose={() => setOpen(null)} />}
      {open === 'similar' && <SimilarImagesDialog onClose={() => setOpen(null)} />}
      {open === 'report' && <CaseReportDialog onClose={() => setOpen(null)} />}
    </div>
  );
}
