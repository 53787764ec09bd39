import type { Page } from '@playwright/test';

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** One visible control as a person sees it: its accessible-ish name and the part of it not clipped away. */
export interface Control {
  name: string;
  rect: Rect;
}

export interface LayoutReport {
  controls: Control[];
  /** Controls partly outside the window, or cut by a container that does not scroll. */
  outside: string[];
  /** Pairs of controls drawn over each other. */
  overlaps: string[];
  /** The page itself scrolls (something is wider or taller than the window). */
  pageOverflow: string | null;
}

/**
 * Measures every visible control in the open dialog (the page behind is inert then) or on the page: each must lie
 * wholly inside the window (or inside a container that scrolls), and no two may overlap. The canvas is a surface,
 * not a control: messages and overlays float over it by design.
 */
export function measureLayout(page: Page): Promise<LayoutReport> {
  return page.evaluate(() => {
    const SELECTOR =
      'button, select, input:not([type="hidden"]), textarea, a[href], summary, [role="tab"], [role="slider"], [role="menuitem"], [role="option"], [tabindex="0"]:not([role="application"])';
    const root: ParentNode = document.querySelector('dialog[open]') ?? document;
    const rect = (r: DOMRect) => ({ x: r.left, y: r.top, w: r.width, h: r.height });
    const intersect = (a: { x: number; y: number; w: number; h: number }, b: { x: number; y: number; w: number; h: number }) => {
      const x = Math.max(a.x, b.x);
      const y = Math.max(a.y, b.y);
      const w = Math.min(a.x + a.w, b.x + b.w) - x;
      const h = Math.min(a.y + a.h, b.y + b.h) - y;
      return { x, y, w: Math.max(0, w), h: Math.max(0, h) };
    };
    const nameOf = (e: Element) => {
      const labels = (e as HTMLInputElement).labels;
      const text = e.getAttribute('aria-label') || (labels?.[0]?.innerText ?? '') || e.getAttribute('title') || (e as HTMLElement).innerText || '';
      const r = e.getBoundingClientRect();
      return `${e.tagName.toLowerCase()}[${text.trim().replace(/\s+/g, ' ').slice(0, 40)}]@${Math.round(r.left)},${Math.round(r.top)}`;
    };
    const scrolls = (e: Element) => {
      const s = getComputedStyle(e);
      return (/(auto|scroll)/.test(s.overflowY) && e.scrollHeight > e.clientHeight) || (/(auto|scroll)/.test(s.overflowX) && e.scrollWidth > e.clientWidth);
    };
    const controls: { el: Element; name: string; rect: ReturnType<typeof rect> }[] = [];
    const outside: string[] = [];
    for (const el of root.querySelectorAll(SELECTOR)) {
      const own = el.getBoundingClientRect();
      // checkVisibility: also false inside a closed <details>, whose content Chromium lays out but does not paint.
      if (own.width < 1 || own.height < 1 || !el.checkVisibility({ visibilityProperty: true }) || el.closest('[aria-hidden="true"], .sr-only')) continue;
      // What is left of it after every clipping container: a scrolling list hides its far rows by design.
      let visible = rect(own);
      let scrolledAway = false;
      let cut = false;
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        const s = getComputedStyle(a);
        if (s.overflowX === 'visible' && s.overflowY === 'visible') continue;
        const clip = intersect(visible, rect(a.getBoundingClientRect()));
        if (clip.w * clip.h < visible.w * visible.h - 1) {
          if (scrolls(a)) scrolledAway = scrolledAway || clip.w < 1 || clip.h < 1;
          else if (!a.matches('dialog')) cut = true;
        }
        visible = clip;
      }
      if (scrolledAway || visible.w < 1 || visible.h < 1) continue;
      const name = nameOf(el);
      if (cut) outside.push(`${name} is cut off by its container`);
      if (visible.x < -0.5 || visible.y < -0.5 || visible.x + visible.w > innerWidth + 0.5 || visible.y + visible.h > innerHeight + 0.5) {
        outside.push(`${name} lies outside the ${innerWidth}×${innerHeight} window at ${JSON.stringify(visible)}`);
      }
      controls.push({ el, name, rect: visible });
    }
    const overlaps: string[] = [];
    for (let i = 0; i < controls.length; i++) {
      for (let j = i + 1; j < controls.length; j++) {
        const a = controls[i]!;
        const b = controls[j]!;
        if (a.el.contains(b.el) || b.el.contains(a.el)) continue;
        const both = intersect(a.rect, b.rect);
        if (both.w > 1 && both.h > 1) overlaps.push(`${a.name} overlaps ${b.name} (${Math.round(both.w)}×${Math.round(both.h)} px)`);
      }
    }
    const doc = document.documentElement;
    const pageOverflow =
      doc.scrollWidth > innerWidth || doc.scrollHeight > innerHeight ? `the page is ${doc.scrollWidth}×${doc.scrollHeight} in a ${innerWidth}×${innerHeight} window` : null;
    return { controls: controls.map(({ name, rect: r }) => ({ name, rect: r })), outside, overlaps, pageOverflow };
  });
}

/** The rectangles of some landmarks by name, to tell whether anything moved between two moments. */
export function landmarks(page: Page, selectors: Record<string, string>): Promise<Record<string, Rect>> {
  return page.evaluate((sel) => {
    const out: Record<string, { x: number; y: number; w: number; h: number }> = {};
    for (const [name, s] of Object.entries(sel)) {
      const r = document.querySelector(s)?.getBoundingClientRect();
      if (r) out[name] = { x: Math.round(r.left), y: Math.round(r.top), w: Math.round(r.width), h: Math.round(r.height) };
    }
    return out;
  }, selectors);
}
