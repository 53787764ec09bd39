import type { ImageRecord } from '../../domain/image';
import { MetadataPanel } from '../evidence/MetadataPanel';
import { GeoPanel } from '../viewer/GeoPanel';

/** The file: its identity (SHA-256), how its preview was made, what it says about itself, where it lies on the map. */
export function ImageTab({ image }: { image: ImageRecord }) {
  return (
    <div className="image-tab">
      <p className="meta">
        <span className="hash" title="SHA-256 of the file's bytes">
          SHA-256 {image.sha256}
        </span>
      </p>
      {image.previewNote && (
        <p className="meta" data-testid="preview-note">
          Preview {image.previewNote}
        </p>
      )}
      <GeoPanel key={image.sha256} image={image} />
      <MetadataPanel image={image} />
    </div>
  );
}
