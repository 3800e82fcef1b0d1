// One Tab stop per row of buttons (WAI-ARIA toolbar pattern, "roving tabindex"): Tab enters the
// row on its chosen button (else its first), the arrow keys, Home and End move inside it.

/** The tabindex of the button at `index` of a row whose chosen button is at `chosen` (-1: none). */
export function rovingTabIndex(index: number, chosen: number): 0 | -1 {
  return index === (chosen >= 0 ? chosen : 0) ? 0 : -1;
}

/** The index the focus moves to from `index` of `count` buttons on `key`, or null. */
export function nextIndex(key: string, index: number, count: number): number | null {
  switch (key) {
    case 'ArrowRight':
    case 'ArrowDown':
      return (index + 1) % count;
    case 'ArrowLeft':
    case 'ArrowUp':
      return (index - 1 + count) % count;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}

/** keydown handler of a toolbar: moves the focus (and the Tab stop) between its buttons. */
export function onToolbarKeyDown(e: KeyboardEvent): void {
  const toolbar = e.currentTarget as HTMLElement;
  const buttons = [...toolbar.querySelectorAll<HTMLElement>('button')];
  const index = buttons.indexOf(document.activeElement as HTMLElement);
  if (index < 0 || e.altKey || e.ctrlKey || e.metaKey) return;
  const next = nextIndex(e.key, index, buttons.length);
  if (next === null) return;
  e.preventDefault();
  buttons.forEach((b, i) => (b.tabIndex = i === next ? 0 : -1));
  buttons[next]?.focus();
}

const focusable = 'input, select, textarea, button, summary, a[href], [tabindex]';

/**
 * Focuses `element`: a toolbar on its Tab stop, a focusable element itself, anything else
 * (a fieldset, a section of the form) on its first focusable part.
 */
export function focusInto(element: Element | null): boolean {
  if (!(element instanceof HTMLElement)) return false;
  let target: HTMLElement | null = element;
  if (element.matches('[role="toolbar"]')) target = element.querySelector<HTMLElement>('[tabindex="0"]');
  else if (!element.matches(focusable)) target = element.querySelector<HTMLElement>(focusable);
  if (target === null) return false;
  target.focus();
  return document.activeElement === target;
}
