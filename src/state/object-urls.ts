import { useEffect, useState } from 'react';
import { getDisplayBlob, getThumbnail } from '../storage';
import { useRaster } from './raster';
import { database } from './project-context';

/** An object URL for a stored blob, revoked when the component lets go of it. */
function useStoredBlobUrl(sha256: string | null, read: typeof getDisplayBlob): string | null {
  const [url, setUrl] = useState<string | null>(null);
  // A preview rendered anew (another stretch) is read again; other images' are not.
  const version = useRaster((s) => (sha256 ? (s.renderVersions[sha256] ?? 0) : 0));
  useEffect(() => {
    if (!sha256) return undefined;
    let objectUrl: string | null = null;
    let cancelled = false;
    void database()
      .then((db) => read(db, sha256))
      .then((blob) => {
        if (cancelled || !blob) return;
        objectUrl = URL.createObjectURL(blob);
        setUrl(objectUrl);
      });
    return () => {
      cancelled = true;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
      setUrl(null);
    };
  }, [sha256, read, version]);
  return url;
}

export const useImageUrl = (sha256: string | null) => useStoredBlobUrl(sha256, getDisplayBlob);
export const useThumbnailUrl = (sha256: string) => useStoredBlobUrl(sha256, getThumbnail);
