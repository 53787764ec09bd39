export function ConnectionBadge({ online }: { online: boolean }) {
  return (
    <span className={`offline-badge ${online ? 'ok' : 'off'}`} data-testid="connection">
      {online ? 'Online' : 'Offline'}
    </span>
  );
}
