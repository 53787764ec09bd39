import { CANDIDATE_SCORE_FLOOR } from '../../domain/detection';
import { useDetection } from '../../state/detection';

/** Filters what is shown; results are cached down to the candidate floor, so moving it never re-runs the model. */
export function ThresholdSlider() {
  const scoreThreshold = useDetection((s) => s.scoreThreshold);
  const setScoreThreshold = useDetection((s) => s.setScoreThreshold);
  const known = useDetection((s) => s.model !== null); // the model's own min score comes with it
  return (
    <label className="threshold" title="Minimum score shown; changing it does not run the model again">
      Min score
      <input
        type="range"
        min={CANDIDATE_SCORE_FLOOR}
        max={1}
        step={0.01}
        value={scoreThreshold}
        disabled={!known}
        onChange={(e) => setScoreThreshold(Number(e.target.value))}
      />
      <output>{known ? scoreThreshold.toFixed(2) : '…'}</output>
    </label>
  );
}
