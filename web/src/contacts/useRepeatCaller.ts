// The repeat-caller box: earlier contacts and flags of the caller's number, looked up when the
// consultant leaves the number field. The number only travels in a POST body.
import { useState } from 'preact/hooks';
import { ApiError, type ApiClient } from '../api/client';
import type { CallerFlag } from '../api/types';
import { lookupCaller, type EarlierContact } from './api';

export interface CallerInfo {
  identifier: string; // as looked up (flags are set on this one)
  count: number;
  flags: CallerFlag[];
  earlier: EarlierContact[];
}

interface Failures {
  /** The server refused the number (400): its message. */
  invalid: (message: string) => void;
  /** Any other failure, to show as a notice. */
  failed: (error: unknown) => void;
}

export function useRepeatCaller(api: ApiClient, failures: Failures) {
  const [caller, setCaller] = useState<CallerInfo | null>(null);

  /** Looks up `identifier`; `ownId` (this contact's draft) does not make a repeat caller. */
  async function check(identifier: string, ownId: string | null) {
    const text = identifier.trim();
    if (text === '') {
      setCaller(null);
      return;
    }
    try {
      const found = await lookupCaller(api, text);
      const earlier = found.earlier_contacts.filter((c) => c.id !== ownId);
      const own = found.earlier_contacts.length - earlier.length;
      setCaller({ identifier: text, count: Math.max(0, found.count - own), flags: found.flags, earlier });
    } catch (error) {
      if (error instanceof ApiError && error.status === 400) failures.invalid(error.message);
      else if (!(error instanceof ApiError && (error.status === 401 || error.status === 403))) failures.failed(error);
    }
  }

  return {
    caller,
    check,
    clear: () => setCaller(null),
    setFlags: (flags: CallerFlag[]) => setCaller((c) => c && { ...c, flags }),
  };
}
