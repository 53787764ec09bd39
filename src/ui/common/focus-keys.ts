/** Roles whose element takes every key: typing or setting a value. */
const VALUE_ROLES = new Set(['slider', 'spinbutton', 'textbox', 'searchbox', 'combobox', 'menu', 'menuitem', 'menuitemcheckbox', 'menuitemradio', 'dialog']);
/** Composite widgets: they move their own focus with the arrow keys, Home and End, and act on Enter and Space. */
const COMPOSITE_ROLES = new Set(['listbox', 'option', 'tablist', 'tab', 'toolbar', 'radiogroup', 'radio', 'grid', 'tree', 'treeitem', 'menubar']);
const WIDGET_KEYS = new Set(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Home', 'End', 'PageUp', 'PageDown', 'Enter', ' ']);
/** Inputs that are buttons in all but name (a checkbox too): only Enter and Space are theirs. */
const BUTTON_INPUTS = new Set(['button', 'submit', 'reset', 'image', 'checkbox']);

/**
 * Whether the key belongs to the element with the focus rather than to the app's shortcuts: text fields, selects,
 * sliders, number fields and radios keep all their keys; lists, tabs and toolbars keep the keys that move in them;
 * buttons, checkboxes, links and summaries keep Enter and Space (their own click).
 */
export function keyBelongsToFocus(e: KeyboardEvent): boolean {
  const target = e.target;
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLSelectElement || target instanceof HTMLTextAreaElement) return true;
  if (target instanceof HTMLInputElement) return !BUTTON_INPUTS.has(target.type) || e.key === 'Enter' || e.key === ' ';
  const role = target.getAttribute('role');
  if (role && VALUE_ROLES.has(role)) return true;
  const composite = target.closest('[role]');
  if (composite && composite !== target.closest('[role="application"]') && COMPOSITE_ROLES.has(composite.getAttribute('role')!) && WIDGET_KEYS.has(e.key)) return true;
  if (target instanceof HTMLButtonElement || target instanceof HTMLAnchorElement || target.tagName === 'SUMMARY') return e.key === 'Enter' || e.key === ' ';
  return false;
}

/** Whether the canvas or the page itself has the focus: the places where Tab goes through the boxes. */
export const onCanvasOrPage = (target: EventTarget | null) =>
  target === document.body || target === document.documentElement || (target instanceof HTMLElement && target.getAttribute('role') === 'application');
