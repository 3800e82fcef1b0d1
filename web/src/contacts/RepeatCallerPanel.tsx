// The repeat-caller box of the hotline form, once the caller's number has been looked up; with
// the flag controls for roles that may flag callers.
import type { ApiClient } from '../api/client';
import type { CodeLists, User } from '../api/types';
import type { Notice } from '../components/StatusRegion';
import { mayFlagCallers } from './permissions';
import { RepeatCallerBox } from './RepeatCallerBox';
import type { useRepeatCaller } from './useRepeatCaller';

interface Props {
  api: ApiClient;
  codes: CodeLists;
  user: User;
  repeat: ReturnType<typeof useRepeatCaller>;
  onNotice: (notice: Notice) => void;
}

export function RepeatCallerPanel({ api, codes, user, repeat, onNotice }: Props) {
  const caller = repeat.caller;
  if (caller === null) return null;
  return (
    <RepeatCallerBox
      codes={codes}
      count={caller.count}
      flags={caller.flags}
      earlier={caller.earlier}
      flagging={
        mayFlagCallers(user)
          ? { api, identifier: caller.identifier, onFlagsChanged: repeat.setFlags, onNotice }
          : undefined
      }
    />
  );
}
