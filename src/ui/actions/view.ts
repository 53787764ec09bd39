import { useMapView } from '../../state/map-view';
import type { Action, Gesture } from './action';

/** Zoom, pan, the map, this list, and leaving whatever is under way. */
export const VIEW: readonly Action[] = [
  { id: 'help', label: 'show or hide this list', group: 'View', context: 'app', keys: ['?'], perform: (s) => s.editor.setHelpOpen(!s.editor.helpOpen) },
  { id: 'leave-tool', label: 'back to the select tool', group: 'View', context: 'tool', keys: ['Escape'], perform: (s) => s.editor.setTool('select') },
  { id: 'unselect', label: 'unselect the box', group: 'View', context: 'box-selected', keys: ['Escape'], perform: (s) => s.review.select(null) },
  {
    id: 'cancel',
    label: 'cancel the batch or import',
    group: 'View',
    context: 'app',
    keys: ['Escape'],
    perform: (s) => {
      void s.detection.cancelBatch();
      s.library.cancelImport();
    },
  },
  { id: 'zoom-in', label: 'zoom in', group: 'View', context: 'app', keys: ['+', '='], shownKeys: '+', perform: (s) => s.editor.zoom(1.25) },
  { id: 'zoom-out', label: 'zoom out', group: 'View', context: 'app', keys: ['-'], perform: (s) => s.editor.zoom(1 / 1.25) },
  { id: 'fit', label: 'fit the image', group: 'View', context: 'app', keys: ['0'], perform: (s) => s.editor.fit() },
  { id: 'map', label: 'the map of the project, and back (click a box there to open its image at it)', group: 'View', context: 'app', keys: ['M', 'Shift+M'], shownKeys: 'M', perform: () => useMapView.getState().toggle() },
  { id: 'pan-tool', label: 'the pan tool: drag to move the image', group: 'View', context: 'image', keys: ['H'], perform: (s) => s.editor.setTool(s.editor.tool === 'pan' ? 'select' : 'pan') },
];

/** What the mouse does, listed with the keys. */
export const GESTURES: readonly Gesture[] = [
  { keys: 'Wheel', label: 'zoom at the pointer', group: 'View' },
  { keys: 'Space + drag, middle button drag', label: 'pan', group: 'View' },
  { keys: 'Click, drag', label: 'select a box, move it', group: 'Edit boxes' },
  { keys: 'Drag a corner or edge', label: 'resize the selected box', group: 'Edit boxes' },
];
