import type { TryResult } from '../../ml/protocol';
import { useLibrary } from '../../state/library';
import { useModelLibrary } from '../../state/model-library';
import { useImageUrl } from '../common/useStoredBlobUrl';
import { labelColor } from '../viewer/colors';

const ms = (value: number) => `${Math.round(value)} ms`;

/** Which backend ran the try, and how it was checked against the reference (WASM, or CPU where WASM lacks an op). */
function Backend({ tried }: { tried: TryResult }) {
  const { report } = tried;
  const reference = report.skipped.some((s) => s.name === 'wasm' && /lacks the op|cannot run/.test(s.reason)) ? 'cpu' : 'wasm';
  return (
    <div data-testid="try-backend">
      <p>
        Ran on <strong>{report.backend}</strong>
        {report.backend === reference ? ` (the reference backend${reference === 'cpu' ? ': WASM cannot run this model' : ''})` : `, checked against ${reference}: same outputs`}
        {report.warning && <span className="error"> · {report.warning}</span>} · {ms(tried.timings.inferenceMs)} model, {ms(tried.totalMs)} per image in all
      </p>
      {report.skipped.length > 0 && (
        <ul className="hint">
          {report.skipped.map((s) => (
            <li key={s.name}>
              {s.name} skipped: {s.reason}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The current image with the draft's boxes, and the boxes or tags as a list. */
function Found({ tried, imageSha256 }: { tried: TryResult; imageSha256: string }) {
  const url = useImageUrl(imageSha256);
  const { imageWidth: w, imageHeight: h } = tried;
  if (tried.tags) {
    return (
      <ol className="detections" aria-label="Tried tags">
        {tried.tags.map((t) => (
          <li key={t.label}>
            {t.label} <span className="score">{t.score.toFixed(2)}</span>
          </li>
        ))}
      </ol>
    );
  }
  const boxes = tried.detections ?? [];
  return (
    <div className="try-found">
      <div className="try-preview" style={{ aspectRatio: `${w} / ${h}` }}>
        {url && <img src={url} alt="" />}
        <svg viewBox={`0 0 ${w} ${h}`} preserveAspectRatio="none" aria-hidden="true">
          {boxes.map((d, i) => (
            <rect key={i} x={d.box.x} y={d.box.y} width={d.box.w} height={d.box.h} stroke={labelColor(d.label)} fill="none" vectorEffect="non-scaling-stroke" strokeWidth={2} />
          ))}
        </svg>
      </div>
      <ol className="detections" aria-label="Tried detections">
        {boxes.length === 0 && <li>nothing found at score ≥ the decoder's threshold</li>}
        {boxes.map((d, i) => (
          <li key={i} data-label={d.label} data-box={[d.box.x, d.box.y, d.box.w, d.box.h].map((v) => Math.round(v * 100) / 100).join(',')}>
            <span className="swatch" style={{ background: labelColor(d.label) }} />
            {d.label} <span className="score">{d.score.toFixed(2)}</span>
            <span className="box">
              x {Math.round(d.box.x)} y {Math.round(d.box.y)} w {Math.round(d.box.w)} h {Math.round(d.box.h)}
            </span>
          </li>
        ))}
      </ol>
    </div>
  );
}

/** Try it before saving: the manifest as it stands, on the image open in the viewer. */
export function TryPanel() {
  const image = useLibrary((s) => s.images.find((i) => i.sha256 === s.selected) ?? null);
  const { tried, triedWith, trying, tryError, problems, manifest, tryOn } = useModelLibrary();
  const stale = tried && triedWith !== manifest;
  return (
    <section className="try" aria-label="Try">
      <button type="button" disabled={!image || trying || problems.length > 0} onClick={() => image && void tryOn(image.sha256)}>
        {trying ? 'Trying…' : image ? `Try on ${image.fileName}` : 'Try (open an image first)'}
      </button>
      {stale && <span className="hint"> settings changed since: try again to see their effect</span>}
      {tryError && (
        <p className="error" role="alert">
          {tryError}
        </p>
      )}
      {tried && image && (
        <>
          <Backend tried={tried} />
          <Found tried={tried} imageSha256={image.sha256} />
        </>
      )}
    </section>
  );
}
