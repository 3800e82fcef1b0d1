// "Repeat caller: N earlier contacts" with the caller's flags and, where the role may list
// contacts, links to the earlier contacts. For a role that may flag callers, a "Remove" button
// beside each flag and "Flag this caller" below.
import type { CallerFlag, CodeLists } from '../api/types';
import { formatDateTime } from '../format';
import { useT } from '../i18n';
import { hrefFor } from '../router';
import type { EarlierContact } from './api';
import { CallerFlagForm, useCallerFlagActions, type CallerFlagging } from './CallerFlagControls';
import { codeLabel } from '../codes/labels';

interface Props {
  codes: CodeLists;
  count: number;
  flags: CallerFlag[];
  earlier?: EarlierContact[] | undefined;
  /** Only when the server lets the user flag callers (caller.flag_write). */
  flagging?: CallerFlagging | undefined;
}

export function RepeatCallerBox({ codes, count, flags, earlier, flagging }: Props) {
  const actions = useCallerFlagActions(flagging, flags, codes);
  const status = <CallerStatus codes={codes} count={count} flags={flags} earlier={earlier} actions={flagging && actions} />;
  if (!flagging) return status;
  return (
    <div class="caller-box">
      {status}
      <CallerFlagForm
        codes={codes}
        busy={actions.busy?.action === 'add'}
        onNotice={flagging.onNotice}
        onSave={actions.add}
      />
    </div>
  );
}

function CallerStatus({
  codes,
  count,
  flags,
  earlier,
  actions,
}: Omit<Props, 'flagging'> & { actions: ReturnType<typeof useCallerFlagActions> | undefined }) {
  const t = useT();
  if (count === 0 && flags.length === 0) {
    return (
      <p class="repeat-caller none" role="status">
        {t('hotline.firstContact')}
      </p>
    );
  }
  return (
    <div class="repeat-caller" role="status">
      <p class="repeat-caller-title">
        <strong>{t('hotline.repeatCaller', { count })}</strong>
      </p>
      {flags.length > 0 && (
        <ul class="flags">
          {flags.map((f) => (
            <li key={f.flag} class="flag">
              {codeLabel(codes, 'caller_flag', f.flag)}{' '}
              <span class="muted">{t('hotline.flagUntil', { when: formatDateTime(f.expires_at) })}</span>
              {actions && (
                <>
                  {' '}
                  <button
                    type="button"
                    class="link-button flag-remove"
                    aria-disabled={actions.busy !== null}
                    aria-label={t('callerFlags.removeFlag', { flag: codeLabel(codes, 'caller_flag', f.flag) })}
                    onClick={() => void actions.remove(f.flag)}
                  >
                    {actions.busy?.action === 'remove' && actions.busy.flag === f.flag
                      ? t('callerFlags.removing')
                      : t('callerFlags.remove')}
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {earlier && earlier.length > 0 && (
        <ul class="earlier">
          {earlier.map((c) => (
            <li key={c.id}>
              <a href={hrefFor({ name: 'contact', id: c.id })}>
                {formatDateTime(c.started_at)}
                {c.category !== '' && ` · ${codeLabel(codes, 'category', c.category)}`}
                {c.outcome !== '' && ` · ${codeLabel(codes, 'outcome', c.outcome)}`}
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
