// Small hooks of the hotline screen: moving the focus after a render, keys anywhere on the
// screen, and the browser's "leave this page?" question while something typed is unsaved.
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { focusInto } from './rovingFocus';

/**
 * `focusOn(find)` focuses what `find` returns once the page has rendered (a layout effect, so
 * before the next key press is handled: the key goes where the focus moved).
 */
export function useFocusRequest() {
  const pending = useRef<(() => Element | null) | null>(null);
  const [requests, setRequests] = useState(0);
  useLayoutEffect(() => {
    const find = pending.current;
    pending.current = null;
    if (find) focusInto(find());
  }, [requests]);
  return (find: () => Element | null) => {
    pending.current = find;
    setRequests((n) => n + 1);
  };
}

/** Calls the latest `handler` for every keydown on the window while mounted. */
export function useWindowKeyDown(handler: (e: KeyboardEvent) => void) {
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => {
    const listener = (e: KeyboardEvent) => latest.current(e);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);
}

/** Asks the browser to confirm leaving or reloading the page while `unsaved()` is true. */
export function useLeaveWarning(unsaved: () => boolean) {
  const latest = useRef(unsaved);
  latest.current = unsaved;
  useEffect(() => {
    const listener = (e: BeforeUnloadEvent) => {
      if (!latest.current()) return;
      e.preventDefault();
      e.returnValue = ''; // older browsers ask only when returnValue is set
    };
    window.addEventListener('beforeunload', listener);
    return () => window.removeEventListener('beforeunload', listener);
  }, []);
}
