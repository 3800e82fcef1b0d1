// "Repeat caller: N earlier contacts" with the caller's flags and, where the role may list
// contacts, links to the earlier contacts.
import type { CallerFlag, CodeLists } from '../api/types';
import { formatDateTime } from '../format';
import { useT } from '../i18n';
import { hrefFor } from '../router';
import type { EarlierContact } from './api';
import { codeText } from './CodeToggles';

interface Props {
  codes: CodeLists;
  count: number;
  flags: CallerFlag[];
  earlier?: EarlierContact[];
}

export function RepeatCallerBox({ codes, count, flags, earlier }: Props) {
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
              {codeText(codes, 'caller_flag', f.flag)}{' '}
              <span class="muted">{t('hotline.flagUntil', { when: formatDateTime(f.expires_at) })}</span>
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
                {c.category !== '' && ` · ${codeText(codes, 'category', c.category)}`}
                {c.outcome !== '' && ` · ${codeText(codes, 'outcome', c.outcome)}`}
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
