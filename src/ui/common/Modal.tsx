import { type KeyboardEvent, type ReactNode, type RefObject, useEffect, useId, useRef } from 'react';

interface Props {
  title: string;
  className: string;
  /** Esc, or the caller's own Close/Cancel button. */
  onClose(): void;
  children: ReactNode;
  /** The dialog's buttons (and what they report): always in view under the content, which scrolls on its own. */
  footer?: ReactNode;
}

const FOCUSABLE = 'button:not([disabled]), [href], input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';

/** What Tab can reach inside the dialog, in order (hidden and collapsed elements left out). */
function focusables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((e) => e.getClientRects().length > 0);
}

/** Tab and Shift+Tab go round inside the dialog instead of leaving it for the browser's own controls. */
function trapTab(e: KeyboardEvent<HTMLDialogElement>): void {
  if (e.key !== 'Tab') return;
  const list = focusables(e.currentTarget);
  const first = list[0];
  const last = list.at(-1);
  if (!first || !last) return;
  const active = document.activeElement;
  if (e.shiftKey && (active === first || !e.currentTarget.contains(active))) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && active === last) {
    e.preventDefault();
    first.focus();
  }
}

/** A body that scrolls is a tab stop of its own, so the keyboard can scroll it even when it holds no control. */
function useFocusableWhenScrolling(body: RefObject<HTMLDivElement | null>): void {
  useEffect(() => {
    const element = body.current;
    if (!element) return undefined;
    const update = () => {
      if (element.scrollHeight > element.clientHeight) element.setAttribute('tabindex', '0');
      else element.removeAttribute('tabindex');
    };
    update();
    const observer = new ResizeObserver(update);
    observer.observe(element);
    return () => observer.disconnect();
  }, [body]);
}

/**
 * A modal <dialog>: the page behind is dimmed and inert, focus stays inside, Esc closes, and its keys stay inside it
 * (the app's shortcuts do not fire while it is open). The content scrolls; the footer with the buttons does not.
 */
export function Modal({ title, className, onClose, children, footer }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const body = useRef<HTMLDivElement>(null);
  useFocusableWhenScrolling(body);
  useEffect(() => {
    const element = dialog.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (element && !element.open) element.showModal();
    return () => {
      element?.close();
      // Back where the person was (a menu's button, a toolbar button), if it is still there.
      if (opener?.isConnected) opener.focus({ preventScroll: true });
    };
  }, []);
  return (
    <dialog
      ref={dialog}
      className={`modal ${className}`}
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault(); // the dialog closes when its owner unmounts it, not behind React's back
        onClose();
      }}
      onKeyDown={(e) => {
        trapTab(e);
        e.stopPropagation();
      }}
    >
      <h2 id={titleId} className="modal-title">
        {title}
      </h2>
      <div className="modal-body" ref={body} aria-label={`${title}: content`} role="group">
        {children}
      </div>
      {footer && <div className="modal-footer">{footer}</div>}
    </dialog>
  );
}
