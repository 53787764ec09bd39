import { useMemo, useState } from 'react';
import { DEFAULT_MAX_DISTANCE, hammingDistance, nearDuplicateGroups } from '../../domain/evidence/phash';
import type { ImageRecord } from '../../domain/image';
import { useLibrary } from '../../state/library';
import { useThumbnailUrl } from '../common/useStoredBlobUrl';
import { useSelection } from '../../state/selection';
import { Modal } from '../common/Modal';
import './evidence.css';

function Member({ image, first, onOpen }: { image: ImageRecord; first: ImageRecord; onOpen(image: ImageRecord): void }) {
  const url = useThumbnailUrl(image.sha256);
  const distance = image === first ? null : hammingDistance(first.phash!, image.phash!);
  return (
    <li>
      <button type="button" onClick={() => onOpen(image)} title={`${image.fileName}\nSHA-256 ${image.sha256}`}>
        {url && <img src={url} alt={image.fileName} />}
        <span>{image.fileName}</span>
        <span className="hint">{distance === null ? 'first' : `${distance} bits apart`}</span>
      </button>
    </li>
  );
}

/** Groups of near-duplicate images (perceptual hashes within a Hamming distance), each openable or pickable. */
export function SimilarImagesDialog({ onClose }: { onClose(): void }) {
  const images = useLibrary((s) => s.images);
  const [maxDistance, setMaxDistance] = useState(DEFAULT_MAX_DISTANCE);
  const groups = useMemo(() => nearDuplicateGroups(images, maxDistance), [images, maxDistance]);
  const unhashed = images.filter((i) => !i.phash).length;
  const open = (image: ImageRecord) => {
    useLibrary.getState().select(image.sha256);
    onClose();
  };

  return (
    <Modal
      title="Similar images"
      className="evidence-dialog"
      onClose={onClose}
      footer={
        <button type="button" onClick={onClose}>
          Close
        </button>
      }
    >
      <p>
        <label>
          At most{' '}
          <input
            type="number"
            aria-label="Maximum distance"
            min={0}
            max={32}
            value={maxDistance}
            onChange={(e) => setMaxDistance(Math.min(32, Math.max(0, Math.round(Number(e.target.value) || 0))))}
          />{' '}
          of 64 bits apart
        </label>{' '}
        <span className="hint">(resized, recompressed and slightly edited copies are usually within 10)</span>
      </p>
      <p role="status" data-testid="similar-count">
        {groups.length === 0 ? 'No similar images.' : `${groups.length} ${groups.length === 1 ? 'group' : 'groups'} of similar images.`}
        {unhashed > 0 && ` ${unhashed} images have no perceptual hash yet (see the metadata panel).`}
      </p>
      <ul className="similar-groups" aria-label="Similar groups">
        {groups.map((group) => (
          <li key={group[0]!.sha256}>
            {group.length} images{' '}
            <button type="button" className="link" onClick={() => useSelection.getState().setPicked(group.map((i) => i.sha256))}>
              Pick these
            </button>
            <ul className="members">
              {group.map((image) => (
                <Member key={image.sha256} image={image} first={group[0]!} onOpen={open} />
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </Modal>
  );
}
