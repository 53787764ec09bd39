import { type FormEvent, useState } from 'react';
import { useLibrary } from '../../state/library';
import { useRaster } from '../../state/raster';
import { ProgressBar } from '../batch/ProgressBar';
import './raster.css';

/**
 * The percentiles that map a 16-bit (or float) raster to black and white, for the viewer and the model alike.
 * Shown only when the project holds TIFFs, the only format here that can be deeper than 8 bits.
 */
export function StretchControl() {
  const hasTiff = useLibrary((s) => s.images.some((i) => i.type === 'image/tiff'));
  const { stretch, rerendering, error, setStretch } = useRaster();
  const [low, setLow] = useState<string | null>(null);
  const [high, setHigh] = useState<string | null>(null);
  if (!hasTiff) return null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const chosen = { low: Number(low ?? stretch.low), high: Number(high ?? stretch.high) };
    // The fields show the stored setting again at once: typing during the re-render is not thrown away later.
    setLow(null);
    setHigh(null);
    void setStretch(chosen);
  };

  return (
    <form className="stretch" onSubmit={submit} title="Rasters deeper than 8 bits: values at these percentiles become black and white">
      <span>16-bit stretch</span>
      <label>
        low %{' '}
        <input type="number" min={0} max={100} step={0.5} value={low ?? stretch.low} onChange={(e) => setLow(e.target.value)} />
      </label>
      <label>
        high %{' '}
        <input type="number" min={0} max={100} step={0.5} value={high ?? stretch.high} onChange={(e) => setHigh(e.target.value)} />
      </label>
      <button type="submit" disabled={rerendering !== null || (low === null && high === null)}>
        Apply
      </button>
      {rerendering && <ProgressBar label="Rendering previews" done={rerendering.done} total={rerendering.total} />}
      {error && (
        <span className="error" role="alert">
          {error}
        </span>
      )}
    </form>
  );
}
