import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';

/** One entry of a menu; `separator` draws a line before it. */
export interface MenuItem {
  label: string;
  onSelect(): void;
  disabled?: boolean;
  /** A longer explanation, shown on hover. */
  title?: string;
  /** The key that does the same, shown at the right and told to assistive technology. */
  shortcut?: string;
  separator?: boolean;
}

interface Props {
  label: string;
  items: readonly MenuItem[];
}

/**
 * A menu button (WAI-ARIA menu pattern): Enter, Space or ↓ opens it on its first item, ↑/↓/Home/End move, Esc closes
 * it and gives the focus back to its button, a click outside or Tab closes it.
 */
export function Menu({ label, items }: Props) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const menuId = useId();

  const entries = () => [...(list.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]:not([disabled])') ?? [])];
  const focusAt = (index: number) => {
    const all = entries();
    all[(index + all.length) % all.length]?.focus();
  };

  useEffect(() => {
    if (!open) return undefined;
    list.current?.querySelector<HTMLButtonElement>('[role="menuitem"]:not([disabled])')?.focus();
    const outside = (e: PointerEvent) => {
      const target = e.target as Node;
      if (!list.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('pointerdown', outside);
    return () => document.removeEventListener('pointerdown', outside);
  }, [open]);

  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };

  const onMenuKey = (e: KeyboardEvent<HTMLUListElement>) => {
    const all = entries();
    const index = all.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === 'ArrowDown') focusAt(index + 1);
    else if (e.key === 'ArrowUp') focusAt(index - 1);
    else if (e.key === 'Home') focusAt(0);
    else if (e.key === 'End') focusAt(all.length - 1);
    else if (e.key === 'Escape') close(true);
    else if (e.key === 'Tab') {
      setOpen(false);
      return;
    } else return;
    e.preventDefault();
    e.stopPropagation();
  };

  return (
    <div className="menu">
      <button
        ref={button}
        type="button"
        className="menu-button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen(!open)}
        onKeyDown={(e) => {
          if (e.key !== 'ArrowDown') return;
          e.preventDefault();
          setOpen(true);
        }}
      >
        {label}
        <span className="chevron" aria-hidden="true">
          ▾
        </span>
      </button>
      {open && (
        <ul ref={list} id={menuId} role="menu" aria-label={label} className="menu-list" onKeyDown={onMenuKey}>
          {items.map((item) => (
            <li key={item.label} role="none" className={item.separator ? 'separated' : undefined}>
              <button
                type="button"
                role="menuitem"
                tabIndex={-1}
                disabled={item.disabled}
                title={item.title}
                aria-keyshortcuts={item.shortcut}
                onClick={() => {
                  close(true); // a dialog the item opens gives the focus back to this menu's button
                  item.onSelect();
                }}
              >
                <span>{item.label}</span>
                {item.shortcut && <kbd aria-hidden="true">{item.shortcut}</kbd>}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
