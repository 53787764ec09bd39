import { type KeyboardEvent, type ReactNode, useId, useRef } from 'react';

export interface TabSpec<T extends string> {
  id: T;
  label: string;
  /** A count shown after the label (annotations, tags): what the tab holds, without opening it. */
  count?: number;
}

interface Props<T extends string> {
  label: string;
  tabs: readonly TabSpec<T>[];
  active: T;
  onChange(id: T): void;
  /** The active tab's content. */
  children: ReactNode;
}

/** Tabs (WAI-ARIA tabs pattern, automatic activation): ←/→, Home and End move between them. */
export function Tabs<T extends string>({ label, tabs, active, onChange, children }: Props<T>) {
  const base = useId();
  const list = useRef<HTMLDivElement>(null);
  const tabId = (id: T) => `${base}-tab-${id}`;
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const index = tabs.findIndex((t) => t.id === active);
    const next = e.key === 'ArrowRight' ? index + 1 : e.key === 'ArrowLeft' ? index - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? tabs.length - 1 : null;
    if (next === null) return;
    e.preventDefault();
    const tab = tabs[(next + tabs.length) % tabs.length]!;
    onChange(tab.id);
    list.current?.querySelector<HTMLButtonElement>(`#${CSS.escape(tabId(tab.id))}`)?.focus();
  };
  return (
    <>
      <div ref={list} role="tablist" aria-label={label} className="tabs" onKeyDown={onKey}>
        {tabs.map((t) => (
          <button
            key={t.id}
            id={tabId(t.id)}
            type="button"
            role="tab"
            aria-selected={t.id === active}
            aria-controls={`${base}-panel`}
            tabIndex={t.id === active ? 0 : -1}
            onClick={() => onChange(t.id)}
          >
            {t.label}
            {t.count !== undefined && t.count > 0 && <span className="tab-count">{t.count}</span>}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${base}-panel`} aria-labelledby={tabId(active)} className="tab-panel" tabIndex={0}>
        {children}
      </div>
    </>
  );
}
