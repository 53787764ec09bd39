// The dataset dialogs load with their formats, zip and training-set code when first opened: none of it is
// needed for the first screen.
import { lazy, Suspense } from 'react';

const LazyExport = lazy(() => import('./ExportDialog').then((m) => ({ default: m.ExportDialog })));
const LazyImport = lazy(() => import('./ImportDialog').then((m) => ({ default: m.ImportDialog })));

export function ExportDialog({ onClose }: { onClose: () => void }) {
  return (
    <Suspense fallback={null}>
      <LazyExport onClose={onClose} />
    </Suspense>
  );
}

export function ImportDialog({ onClose }: { onClose: () => void }) {
  return (
    <Suspense fallback={null}>
      <LazyImport onClose={onClose} />
    </Suspense>
  );
}
