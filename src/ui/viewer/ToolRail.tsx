import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { useEditor, type Tool } from '../../state/editor';
import { useLibrary } from '../../state/library';
import { actionButton } from '../actions/useAction';
import { ClassFilter } from '../editor/ClassFilter';
import { Icon, type IconName } from '../common/icons';

interface RailButton {
  icon: IconName;
  label: string;
  /** The action whose keys the button shows (and, but for the tools, runs). */
  action: string;
  tool?: Tool;
}

const TOOLS: RailButton[] = [
  { icon: 'select', label: 'Select', action: 'select-tool', tool: 'select' },
  { icon: 'draw', label: 'Draw box', action: 'draw-tool', tool: 'draw' },
  { icon: 'pan', label: 'Pan', action: 'pan-tool', tool: 'pan' },
];

const VIEW: RailButton[] = [
  { icon: 'zoomIn', label: 'Zoom in', action: 'zoom-in' },
  { icon: 'zoomOut', label: 'Zoom out', action: 'zoom-out' },
  { icon: 'fit', label: 'Fit the image', action: 'fit' },
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
  const button = ({ icon, label, action, tool: own }: RailButton, index: number) => {
    const props = actionButton(action, label);
    return (
      <button
        key={label}
        type="button"
        aria-label={label}
        {...props}
        aria-pressed={own ? tool === own : undefined}
        disabled={!hasImage}
        tabIndex={index === focusIndex ? 0 : -1}
        onFocus={() => setFocusIndex(index)}
        // The keys N and H toggle their tool; its button, pressed again, keeps it.
        onClick={own ? () => useEditor.getState().setTool(own) : props.onClick}
      >
        <Icon name={icon} />
      </button>
    );
  };
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
