import { DEFAULT_PROJECT_ID } from '../../domain/project';
import { useDialogs } from '../../state/dialogs';
import { exportGpsPoints } from '../../state/gps-export';
import { useLibrary } from '../../state/library';
import { useProjects } from '../../state/projects';
import { useBackup } from '../../state/projects-backup';
import { errorMessage } from '../../state/project-context';
import { notify } from '../../state/toasts';
import { actionItem } from '../actions/useAction';
import type { MenuItem } from '../common/Menu';
import { choose } from './FilePickers';

export interface HeaderMenu {
  label: string;
  items: MenuItem[];
}

const open = (dialog: string) => () => useDialogs.getState().show(dialog);

function gps(kind: 'geojson' | 'csv'): void {
  try {
    const n = exportGpsPoints(kind);
    notify({ key: 'gps', tone: 'info', testId: 'evidence-notice', text: `Exported ${n} GPS ${n === 1 ? 'position' : 'positions'} as ${kind === 'geojson' ? 'GeoJSON' : 'CSV'}.` });
  } catch (error) {
    notify({ key: 'gps', tone: 'error', testId: 'evidence-notice', text: `No GPS export: ${errorMessage(error)}` });
  }
}

/**
 * The header's menus, left to right. A feature that needs a way in from the header adds an item here (and, for a
 * dialog, an entry in dialog-table.tsx).
 */
export function useHeaderMenus(): HeaderMenu[] {
  const isDefault = useProjects((s) => s.current?.id === DEFAULT_PROJECT_ID);
  const importing = useLibrary((s) => s.importing !== null);
  const backingUp = useBackup((s) => s.working !== null);
  return [
    {
      label: 'Project',
      items: [
        { label: 'New project…', onSelect: open('new-project') },
        { label: 'Rename…', onSelect: open('rename-project') },
        { label: 'Delete project…', onSelect: open('delete-project'), disabled: isDefault, ...(isDefault ? { title: 'The default project cannot be deleted' } : {}) },
        { label: 'Back up…', onSelect: open('backup'), disabled: backingUp, separator: true, title: 'The project as one zip, every file with its SHA-256' },
        { label: 'Restore backup…', onSelect: () => choose('backup'), disabled: backingUp, title: 'Checked whole before anything is written; restored as a new project' },
      ],
    },
    {
      label: 'Import',
      items: [
        { label: 'Import images…', onSelect: () => choose('images'), disabled: importing },
        { label: 'Import folder…', onSelect: () => choose('folder'), disabled: importing },
        { label: 'Import dataset…', onSelect: open('import-dataset'), separator: true, title: 'COCO, YOLO, Pascal VOC or CSV annotations, as a zip or files' },
      ],
    },
    {
      label: 'Export',
      items: [
        { label: 'Export dataset…', onSelect: open('export-dataset'), title: 'COCO, YOLO, Pascal VOC or CSV, as one zip' },
        { label: 'Case report…', onSelect: open('case-report'), title: 'One self-contained HTML file with hashes, metadata, reviewed labels and the audit head' },
        { label: 'GPS points as GeoJSON', onSelect: () => gps('geojson'), separator: true, title: 'GPS positions of the images the gallery shows, as GeoJSON points (WGS 84)' },
        { label: 'GPS points as CSV', onSelect: () => gps('csv'), title: 'GPS positions of the images the gallery shows, as CSV' },
      ],
    },
    {
      label: 'Analyse',
      items: [
        actionItem('evaluate', { label: 'Evaluate…', title: 'A model against the reviewed annotations' }),
        actionItem('train', { label: 'Train…', title: 'A box labeller or image classifier from the reviewed annotations' }),
        { label: 'Similar images…', onSelect: open('similar'), separator: true, title: 'Near-duplicates by perceptual hash' },
        { label: 'Hash lists…', onSelect: open('hash-lists'), title: 'Known-file lists (MD5, SHA-1, SHA-256)' },
      ],
    },
  ];
}
