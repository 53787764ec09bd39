import { useRef, useState } from 'react';
import { type Basemap, openBasemap } from './layers/basemap';

/** A basemap from a local MBTiles or PMTiles file, for this session; it never leaves the machine. */
export function BasemapPicker({ basemap, onChange }: { basemap: Basemap | null; onChange: (basemap: Basemap | null) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <p className="basemap">
      <button type="button" onClick={() => input.current?.click()}>
        Basemap file…
      </button>
      <input
        ref={input}
        type="file"
        accept=".mbtiles,.pmtiles"
        hidden
        aria-label="Basemap file"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (!file) return;
          setError(null);
          openBasemap(file).then(onChange, (err: Error) => setError(err.message));
        }}
      />{' '}
      {basemap && (
        <>
          {basemap.name}{' '}
          <button type="button" onClick={() => onChange(null)}>
            Remove basemap
          </button>
        </>
      )}
      {error && (
        <span className="error" role="alert">
          {' '}
          {error}
        </span>
      )}
    </p>
  );
}
