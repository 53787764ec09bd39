import { copyPrevious, deleteSelected, moveSelected, relabelByNumber } from '../../state/editor-edits';
import type { Action } from './action';

const ARROWS: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
const arrowKeys = Object.keys(ARROWS);

/** Making and changing boxes. */
export const EDIT: readonly Action[] = [
  { id: 'undo', label: 'undo (every kind of edit, bulk ones too)', group: 'Edit boxes', context: 'app', keys: ['Control+Z'], perform: (s) => void s.review.undo() },
  { id: 'redo', label: 'redo', group: 'Edit boxes', context: 'app', keys: ['Control+Shift+Z', 'Control+Y'], perform: (s) => void s.review.redo() },
  { id: 'copy-previous', label: "copy the previous image's boxes onto this one", group: 'Edit boxes', context: 'image', keys: ['Control+Shift+V'], perform: () => void copyPrevious() },
  {
    id: 'move-box',
    label: 'move the selected box by a pixel',
    group: 'Edit boxes',
    context: 'box-selected',
    keys: [...arrowKeys, ...arrowKeys.map((k) => `Shift+${k}`)],
    shownKeys: 'Arrows (Shift: ×10)',
    perform: (_, e) => {
      const [dx, dy] = (e && ARROWS[e.key]) ?? [0, 0];
      const step = e?.shiftKey ? 10 : 1;
      if (dx || dy) void moveSelected(dx * step, dy * step);
    },
  },
  { id: 'select-tool', label: 'the select tool: click a box to select it, drag to move it', group: 'Edit boxes', context: 'image', keys: ['V'], perform: (s) => s.editor.setTool('select') },
  {
    id: 'draw-tool',
    label: 'draw a new box, then pick its label (the labels given last come first)',
    group: 'Edit boxes',
    context: 'image',
    keys: ['N'],
    shownKeys: 'N, then drag',
    perform: (s) => s.editor.setTool(s.editor.tool === 'draw' ? 'select' : 'draw'),
  },
  {
    id: 'relabel-number',
    label: 'give the selected box one of the first nine labels',
    group: 'Edit boxes',
    context: 'box-selected',
    keys: ['1', '2', '3', '4', '5', '6', '7', '8', '9'],
    shownKeys: '1 – 9',
    perform: (_, e) => void (e && relabelByNumber(Number(e.key))),
  },
  { id: 'label', label: 'pick a label by typing (a new one joins the set)', group: 'Edit boxes', context: 'box-selected', keys: ['L'], shownKeys: 'L, double-click', perform: (s) => s.editor.setPickerOpen(true) },
  { id: 'delete-box', label: "reject the selected suggestion (a person's own box is deleted)", group: 'Edit boxes', context: 'reviewing', keys: ['Delete', 'X'], perform: () => void deleteSelected() },
];
