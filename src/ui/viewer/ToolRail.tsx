import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { useEditor, type Tool } from '../../state/editor';
import { useLibrary } from '../../state/library';
import { ClassFilter } from '../editor/ClassFilter';
import { Icon, type IconName } from '../common/icons';

interface RailButton {
  icon: IconName;
  label: string;
  keys: string;
  tool?: Tool;
  run?(): void;
}

const TOOLS: RailButton[] = [
  { icon: 'select', label: 'Select', keys: 'V', tool: 'select' },
  { icon: 'draw', label: 'Draw box', keys: 'N', tool: 'draw' },
  { icon: 'pan', label: 'Pan', keys: 'H', tool: 'pan' },
];

const VIEW: RailButton[] = [
  { icon: 'zoomIn', label: 'Zoom in', keys: '+', run: () => useEditor.getState().zoom(1.25) },
  { icon: 'zoomOut', label: 'Zoom out', keys: '-', run: () => useEditor.getState().zoom(1 / 1.25) },
  { icon: 'fit', label: 'Fit the image', keys: '0', run: () => useEditor.getState().fit() },
];

/** ↑/↓ (and Home/End) move between the rail's buttons; Tab leaves the rail (one tab stop, the WAI-ARIA toolbar). */
function onRailKey(e: KeyboardEvent<HTMLDivElement>) {
  const buttons = [...e.currentTarget.querySelectorAll<HTMLButtonElement>(':scope > button, :scope > .rail-popover-anchor > button')];
  const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
  const next = e.key === 'ArrowDown' ? index + 1 : e.key === 'ArrowUp' ? index - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? buttons.length - 1 : null;
  if (next === null || index < 0) return;
  e.preventDefault();
  buttons[(next + buttons.length) % buttons.length]?.focus();
}

/** Show or hide classes: a popover of the classes drawn on this image. */
function ClassesButton({ labels }: { labels: readonly string[] }) {
  const [open, setOpen] = useState(false);
  const hiddenCount = useEditor((s) => s.hidden.size);
  const anchor = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return undefined;
    const outside = (e: PointerEvent) => anchor.current?.contains(e.target as Node) || setOpen(false);
    document.addEventListener('pointerdown', outside);
    return () => document.removeEventListener('pointerdown', outside);
  }, [open]);
  return (
    <div className="rail-popover-anchor" ref={anchor}>
      <button
        type="button"
        tabIndex={-1}
        aria-label={hiddenCount ? `Classes (${hiddenCount} hidden)` : 'Classes'}
        aria-expanded={open}
        title="Show or hide classes"
        onClick={() => setOpen(!open)}
      >
        <Icon name="classes" />
        {hiddenCount > 0 && <span className="rail-badge">{hiddenCount}</span>}
      </button>
      {open && (
        <div
          className="rail-popover"
          onKeyDown={(e) => {
            if (e.key !== 'Escape') return;
            e.stopPropagation();
            setOpen(false);
            (anchor.current?.querySelector('button') as HTMLButtonElement | null)?.focus();
          }}
        >
          {labels.length ? <ClassFilter labels={labels} /> : <p className="hint">No boxes on this image.</p>}
        </div>
      )}
    </div>
  );
}

/** The viewer's tools: select, draw, pan; zoom in, out, fit; which classes are shown. Each says its key. */
export function ToolRail({ labels }: { labels: readonly string[] }) {
  const tool = useEditor((s) => s.tool);
  const hasImage = useLibrary((s) => s.selected !== null);
  const [focusIndex, setFocusIndex] = useState(0);
  const button = (b: RailButton, index: number) => (
    <button
      key={b.label}
      type="button"
      aria-label={b.label}
      aria-keyshortcuts={b.keys}
      title={`${b.label} (${b.keys})`}
      aria-pressed={b.tool ? tool === b.tool : undefined}
      disabled={!hasImage}
      tabIndex={index === focusIndex ? 0 : -1}
      onFocus={() => setFocusIndex(index)}
      onClick={() => (b.tool ? useEditor.getState().setTool(b.tool) : b.run?.())}
    >
      <Icon name={b.icon} />
    </button>
  );
  return (
    <div className="tool-rail" role="toolbar" aria-label="Tools" aria-orientation="vertical" onKeyDown={onRailKey}>
      {TOOLS.map((b, i) => button(b, i))}
      <hr />
      {VIEW.map((b, i) => button(b, TOOLS.length + i))}
      <hr />
      <ClassesButton labels={labels} />
    </div>
  );
}
