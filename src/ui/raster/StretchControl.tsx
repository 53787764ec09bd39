import { type FormEvent, useState } from 'react';
import { mayBeDeep } from '../../domain/image';
import { useLibrary } from '../../state/library';
import { useRaster } from '../../state/raster';
import './raster.css';

/**
 * The percentiles that map a 16-bit (or float) raster to black and white, for the viewer and the model alike.
 * Shown only when the project holds a TIFF deeper than 8 bits (or one imported before its depth was kept).
 */
export function StretchControl() {
  const deep = useLibrary((s) => s.images.some(mayBeDeep));
  const { stretch, rerendering, error, setStretch } = useRaster();
  const [low, setLow] = useState<string | null>(null);
  const [high, setHigh] = useState<string | null>(null);
  if (!deep) return null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const chosen = { low: Number(low ?? stretch.low), high: Number(high ?? stretch.high) };
    // The fields show the stored setting again at once: typing during the re-render is not thrown away later.
    setLow(null);
    setHigh(null);
    void setStretch(chosen);
  };

  return (
    <form className="stretch" onSubmit={submit} aria-label="16-bit stretch" title="Rasters deeper than 8 bits: values at these percentiles become black and white">
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
      {error && (
        <span className="error" role="alert">
          {error}
        </span>
      )}
    </form>
  );
}
