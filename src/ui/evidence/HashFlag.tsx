import { useHashLists } from '../../state/hash-lists';

/** The names of the hash lists that hold this image, on its thumbnail. */
export function HashFlag({ sha256 }: { sha256: string }) {
  const matches = useHashLists((s) => s.matches.get(sha256));
  if (!matches?.length) return null;
  const names = matches.map((m) => m.list).join(', ');
  return (
    <span className="hash-flag" data-testid="hash-flag" title={`In hash list: ${names}`}>
      ⚑ {names}
    </span>
  );
}
