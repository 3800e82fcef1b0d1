// The call timer: runs from "New contact" and ticks every second. Without it, the time since the
// form was opened (or emptied) is the call's duration, so a call logged without pressing
// "New contact" still gets one.
import { useEffect, useState } from 'preact/hooks';

export interface CallTimer {
  /** Date.now() when the call was started, or null. */
  runningSince: number | null;
  /** Seconds shown on the timer, or null while no call was started. */
  shown: number | null;
  /** Seconds of the call for the payload: the timer's, else since the form was opened. */
  seconds: () => number;
  /** Starts the timer at `at` (Date.now() by default). */
  start: (at?: number) => void;
  /** Stops the timer; the form counts as opened now. */
  stop: () => void;
}

export function useCallTimer(initialStart: number | null): CallTimer {
  const [times, setTimes] = useState(() => ({ start: initialStart, opened: Date.now(), now: Date.now() }));

  useEffect(() => {
    if (times.start === null) return;
    const tick = window.setInterval(() => setTimes((t) => ({ ...t, now: Date.now() })), 1000);
    return () => window.clearInterval(tick);
  }, [times.start]);

  return {
    runningSince: times.start,
    shown: times.start === null ? null : Math.max(0, (times.now - times.start) / 1000),
    seconds: () => Math.max(0, (Date.now() - (times.start ?? times.opened)) / 1000),
    start: (at = Date.now()) => setTimes({ start: at, opened: at, now: at }),
    stop: () => setTimes({ start: null, opened: Date.now(), now: Date.now() }),
  };
}
