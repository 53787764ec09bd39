import type { TilingMode } from '../../domain/detection';
import { useDetection } from '../../state/detection';

/** How the next run cuts images into tiles; each setting has its own cached results. */
export function TilingControl() {
  const tiling = useDetection((s) => s.tiling);
  const setTiling = useDetection((s) => s.setTiling);
  const isDetector = useDetection((s) => s.model?.task === 'detect');
  if (!isDetector) return null;
  return (
    <div className="tiling" title="Tiles keep small objects in large images visible to the model">
      <label>
        Tiling{' '}
        <select value={tiling.mode} onChange={(e) => void setTiling({ ...tiling, mode: e.target.value as TilingMode })}>
          <option value="auto">Auto (large images)</option>
          <option value="tiled">Always tile</option>
          <option value="whole">Whole image</option>
        </select>
      </label>
      {tiling.mode !== 'whole' && (
        <>
          <label>
            overlap{' '}
            <input
              type="number"
              min={0}
              max={0.9}
              step={0.05}
              value={tiling.overlap}
              onChange={(e) => {
                const overlap = Number(e.target.value);
                if (overlap >= 0 && overlap <= 0.9) void setTiling({ ...tiling, overlap });
              }}
            />
          </label>
          <label>
            <input
              type="checkbox"
              checked={tiling.wholeImagePass}
              onChange={(e) => void setTiling({ ...tiling, wholeImagePass: e.target.checked })}
            />{' '}
            + whole-image pass
          </label>
        </>
      )}
    </div>
  );
}
