// Referral to agencies: a type-ahead over the organisation's directory; chosen agencies as chips.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, type ApiClient } from '../api/client';
import { useT } from '../i18n';
import { searchAgencies, type AgencyHit } from './api';

interface Props {
  api: ApiClient;
  value: string[];
  /** Names of chosen agencies known so far (by id). */
  names: Record<string, string>;
  onChange: (ids: string[], names: Record<string, string>) => void;
}

/** The directory's agencies matching `text` (two letters at least), less those chosen. */
export function useAgencySearch(api: ApiClient, text: string, chosen: string[]) {
  const [hits, setHits] = useState<AgencyHit[]>([]);
  const [failed, setFailed] = useState(false);
  const timer = useRef<number | undefined>(undefined);

  useEffect(() => {
    window.clearTimeout(timer.current);
    if (text.trim().length < 2) {
      setHits([]);
      return;
    }
    let current = true;
    timer.current = window.setTimeout(() => {
      searchAgencies(api, text.trim()).then(
        (found) => {
          if (!current) return;
          setFailed(false);
          setHits(found.filter((a) => !chosen.includes(a.id)));
        },
        (error: unknown) => {
          if (current && !(error instanceof ApiError && error.status === 401)) setFailed(true);
        },
      );
    }, 200);
    return () => {
      current = false;
    };
  }, [text]);
  return { hits, failed, clear: () => setHits([]) };
}

/** The chosen agencies as chips, each with its remove button. */
function ChosenAgencies({ value, names, onChange }: Omit<Props, 'api'>) {
  const t = useT();
  if (value.length === 0) return null;
  return (
    <ul class="chips" aria-label={t('hotline.referralsChosen')}>
      {value.map((id) => (
        <li key={id}>
          <span>{names[id] ?? t('hotline.agency')}</span>
          <button
            type="button"
            class="chip-remove"
            aria-label={t('hotline.removeAgency', { name: names[id] ?? t('hotline.agency') })}
            onClick={() => onChange(value.filter((v) => v !== id), names)}
          >
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}

export function AgencyPicker({ api, value, names, onChange }: Props) {
  const t = useT();
  const [text, setText] = useState('');
  const { hits, failed, clear } = useAgencySearch(api, text, value);

  function choose(hit: AgencyHit) {
    onChange([...value, hit.id], { ...names, [hit.id]: hit.name });
    setText('');
    clear();
    document.getElementById('contact-agency-search')?.focus();
  }

  return (
    <div class="field agency-picker">
      <label for="contact-agency-search">{t('hotline.referrals')}</label>
      <ChosenAgencies value={value} names={names} onChange={onChange} />
      <input
        id="contact-agency-search"
        type="search"
        autocomplete="off"
        value={text}
        aria-describedby="contact-agency-hint"
        aria-controls="contact-agency-results"
        onInput={(e) => setText(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && hits[0]) {
            e.preventDefault();
            e.stopPropagation();
            choose(hits[0]);
          }
        }}
      />
      <p id="contact-agency-hint" class="hint">
        {failed ? t('hotline.agencySearchFailed') : t('hotline.agencyHint')}
      </p>
      <AgencyResults id="contact-agency-results" hits={hits} onPick={choose} />
    </div>
  );
}

/** The agencies found, each a button that picks it; announced as they change. */
export function AgencyResults({ id, hits, onPick }: { id?: string; hits: AgencyHit[]; onPick: (hit: AgencyHit) => void }) {
  return (
    <ul id={id} class="agency-results" aria-live="polite">
      {hits.map((hit) => (
        <li key={hit.id}>
          <button type="button" class="link-button" onClick={() => onPick(hit)}>
            {hit.name}
            {hit.city !== '' && <span class="muted"> · {hit.city}</span>}
          </button>
        </li>
      ))}
    </ul>
  );
}
