import { ALGORITHM_NAMES } from '../../domain/evidence/hash-list';
import { cameraName } from '../../domain/evidence/exif-facts';
import type { ImageRecord } from '../../domain/image';
import { lacksEvidence, useBackfill } from '../../state/evidence-backfill';
import { useHashLists } from '../../state/hash-lists';
import { useLibrary } from '../../state/library';
import './evidence.css';

const ORIENTATIONS = ['', 'normal', 'mirrored', 'rotated 180°', 'mirrored vertically', 'mirrored, rotated 90° left', 'rotated 90° right', 'mirrored, rotated 90° right', 'rotated 90° left'];

function Row({ name, value, testId }: { name: string; value: string | undefined; testId?: string }) {
  if (value === undefined) return null;
  return (
    <>
      <dt>{name}</dt>
      <dd data-testid={testId}>{value}</dd>
    </>
  );
}

/** What the file says about itself, its hashes and hash-set matches, for the image in the viewer. */
export function MetadataPanel({ image }: { image: ImageRecord }) {
  const matches = useHashLists((s) => s.matches.get(image.sha256));
  const backfill = useBackfill();
  const missing = useLibrary((s) => s.images.filter(lacksEvidence).length);
  const { exif } = image;
  const gps = exif?.gps;
  const notComputed = 'not computed';

  return (
    <section className="metadata" aria-label="Metadata">
      {matches && matches.length > 0 && (
        <p className="match-flag" role="status" data-testid="hash-matches">
          In hash list: {matches.map((m) => `${m.list} (${m.algorithms.map((a) => ALGORITHM_NAMES[a]).join(', ')})`).join('; ')}
        </p>
      )}
      <dl>
        {!exif && <Row name="Metadata" value="not read (imported before metadata was read)" />}
        {exif && exif.blocks.length === 0 && !exif.problem && <Row name="Metadata" value="none in the file" />}
        <Row name="Captured" value={exif?.time} testId="meta-captured" />
        <Row name="Camera" value={cameraName(exif)} testId="meta-camera" />
        <Row name="GPS" value={gps ? `${gps.lat.toFixed(6)}, ${gps.lon.toFixed(6)}` : undefined} testId="meta-gps" />
        <Row name="Altitude" value={gps?.alt !== undefined ? `${gps.alt} m` : undefined} testId="meta-altitude" />
        <Row name="Software" value={exif?.software} />
        <Row name="Orientation" value={exif?.orientation ? `${exif.orientation} (${ORIENTATIONS[exif.orientation]})` : undefined} />
        <Row name="Creator" value={exif?.creator} />
        <Row name="Title" value={exif?.title} />
        <Row name="Caption" value={exif?.caption} />
        <Row name="MD5" value={image.md5 ?? notComputed} testId="meta-md5" />
        <Row name="SHA-1" value={image.sha1 ?? notComputed} testId="meta-sha1" />
        <Row name="pHash" value={image.phash ?? notComputed} />
      </dl>
      {exif?.problem && (
        <p className="problem" role="alert">
          Metadata: {exif.problem}
        </p>
      )}
      {missing > 0 && (
        <p>
          <button type="button" disabled={backfill.running !== null} onClick={() => void backfill.run()}>
            {backfill.running ? `Computing… ${backfill.running.done} / ${backfill.running.total}` : `Compute hashes and metadata for ${missing} older ${missing === 1 ? 'image' : 'images'}`}
          </button>
        </p>
      )}
      {backfill.message && <p role="status">{backfill.message}</p>}
    </section>
  );
}
