import { useEffect, useState } from 'react';
import { useRaster } from '../../state/raster';
import { readStoredBlob, type StoredBlobKind } from '../../state/stored-blobs';

/** An object URL for a stored blob, revoked when the component lets go of it. */
function useStoredBlobUrl(sha256: string | null, kind: StoredBlobKind): string | null {
  const [url, setUrl] = useState<string | null>(null);
  // A preview rendered anew (another stretch) is read again; other images' are not.
  const version = useRaster((s) => (sha256 ? (s.renderVersions[sha256] ?? 0) : 0));
  useEffect(() => {
    if (!sha256) return undefined;
    let objectUrl: string | null = null;
    let cancelled = false;
    void readStoredBlob(kind, sha256).then((blob) => {
      if (cancelled || !blob) return;
      objectUrl = URL.createObjectURL(blob);
      setUrl(objectUrl);
    });
    return () => {
      cancelled = true;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
      setUrl(null);
    };
  }, [sha256, kind, version]);
  return url;
}

export const useImageUrl = (sha256: string | null) => useStoredBlobUrl(sha256, 'display');
export const useThumbnailUrl = (sha256: string) => useStoredBlobUrl(sha256, 'thumbnail');
