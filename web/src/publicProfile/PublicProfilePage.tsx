// The organisation's public hotline profile, for its administrators: the hotlines the public
// pages (/public/) show, and the organisation's address with "show publicly" yes or no. An address
// that is not public is a secret address: sealed on the server, shown here only.
import { useEffect, useState } from 'preact/hooks';
import type { ApiClient } from '../api/client';
import { errorMessage } from '../api/messages';
import { useLoaded } from '../cases/useLoaded';
import { PageHeading } from '../components/PageHeading';
import { StatusRegion, type Notice } from '../components/StatusRegion';
import { useT } from '../i18n';
import { channelKinds, publicProfileApi, type ChannelKind, type PublicProfile } from './api';

interface ChannelDraft {
  kind: ChannelKind;
  value: string;
}

interface HotlineDraft {
  name: string;
  numbers: string; // comma-separated
  hours: string;
  free: boolean;
  languages: string; // comma-separated ISO 639-1 codes
  channels: ChannelDraft[];
}

interface Draft {
  hotlines: HotlineDraft[];
  address: string;
  addressPublic: boolean;
}

const emptyHotline = (): HotlineDraft => ({ name: '', numbers: '', hours: '', free: true, languages: '', channels: [] });

function draftOf(p: PublicProfile): Draft {
  return {
    hotlines: p.hotlines.map((h) => ({
      name: h.name,
      numbers: h.numbers.join(', '),
      hours: h.hours,
      free: h.free_of_charge,
      languages: h.languages.join(', '),
      channels: h.channels.map((c) => ({ kind: c.kind, value: c.value })),
    })),
    address: p.address,
    addressPublic: p.address_public,
  };
}

const list = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');

export function PublicProfilePage({ api }: { api: ApiClient }) {
  const t = useT();
  const profile = useLoaded(() => publicProfileApi.read(api), []);
  const [draft, setDraft] = useState<Draft>({ hotlines: [], address: '', addressPublic: false });
  const [notice, setNotice] = useState<Notice | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (profile.value) setDraft(draftOf(profile.value));
  }, [profile.value]);

  const setHotline = (i: number, change: Partial<HotlineDraft>) =>
    setDraft((d) => ({ ...d, hotlines: d.hotlines.map((h, j) => (j === i ? { ...h, ...change } : h)) }));

  async function save(e: Event) {
    e.preventDefault();
    if (busy || !profile.value) return;
    setBusy(true);
    setNotice(null);
    try {
      await publicProfileApi.save(api, {
        hotlines: draft.hotlines.map((h) => ({
          name: h.name,
          numbers: list(h.numbers),
          hours: h.hours,
          free_of_charge: h.free,
          languages: list(h.languages).map((l) => l.toLowerCase()),
          channels: h.channels,
        })),
        address: draft.address,
        address_public: draft.addressPublic,
        version: profile.value.version,
      });
      setNotice({ kind: 'success', text: t('publicProfile.saved') });
      profile.reload();
    } catch (error) {
      setNotice({ kind: 'error', text: errorMessage(t, error) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="public-profile-page">
      <PageHeading title={t('publicProfile.title')} />
      <p>
        {t('publicProfile.intro')} <a href="/public/">{t('publicProfile.seePages')}</a>
      </p>
      <StatusRegion notice={notice ?? profile.notice} />
      {profile.value && (
        <form onSubmit={(e) => void save(e)} noValidate>
          {draft.hotlines.map((h, i) => (
            <fieldset key={i}>
              <legend>{t('publicProfile.hotline', { n: i + 1 })}</legend>
              <div class="field">
                <label for={`hotline-${i}-name`}>{t('publicProfile.name')}</label>
                <input id={`hotline-${i}-name`} value={h.name} onInput={(e) => setHotline(i, { name: e.currentTarget.value })} />
              </div>
              <div class="field">
                <label for={`hotline-${i}-numbers`}>{t('publicProfile.numbers')}</label>
                <input
                  id={`hotline-${i}-numbers`}
                  value={h.numbers}
                  inputMode="tel"
                  aria-describedby={`hotline-${i}-numbers-hint`}
                  onInput={(e) => setHotline(i, { numbers: e.currentTarget.value })}
                />
                <p class="muted" id={`hotline-${i}-numbers-hint`}>
                  {t('publicProfile.numbersHint')}
                </p>
              </div>
              <div class="field">
                <label for={`hotline-${i}-hours`}>{t('publicProfile.hours')}</label>
                <input id={`hotline-${i}-hours`} value={h.hours} onInput={(e) => setHotline(i, { hours: e.currentTarget.value })} />
              </div>
              <div class="field checkbox">
                <input
                  type="checkbox"
                  id={`hotline-${i}-free`}
                  checked={h.free}
                  onChange={(e) => setHotline(i, { free: e.currentTarget.checked })}
                />
                <label for={`hotline-${i}-free`}>{t('publicProfile.free')}</label>
              </div>
              <div class="field">
                <label for={`hotline-${i}-languages`}>{t('publicProfile.languages')}</label>
                <input
                  id={`hotline-${i}-languages`}
                  value={h.languages}
                  aria-describedby={`hotline-${i}-languages-hint`}
                  onInput={(e) => setHotline(i, { languages: e.currentTarget.value })}
                />
                <p class="muted" id={`hotline-${i}-languages-hint`}>
                  {t('publicProfile.languagesHint')}
                </p>
              </div>
              {h.channels.map((c, k) => (
                <div class="field" key={k}>
                  <label for={`hotline-${i}-channel-${k}-kind`}>{t('publicProfile.channelKind', { n: k + 1 })}</label>
                  <select
                    id={`hotline-${i}-channel-${k}-kind`}
                    value={c.kind}
                    onChange={(e) =>
                      setHotline(i, {
                        channels: h.channels.map((x, m) => (m === k ? { ...x, kind: e.currentTarget.value as ChannelKind } : x)),
                      })
                    }
                  >
                    {channelKinds.map((kind) => (
                      <option key={kind} value={kind}>
                        {t(`publicProfile.channels.${kind}`)}
                      </option>
                    ))}
                  </select>
                  <label for={`hotline-${i}-channel-${k}-value`}>{t('publicProfile.channelValue', { n: k + 1 })}</label>
                  <input
                    id={`hotline-${i}-channel-${k}-value`}
                    value={c.value}
                    onInput={(e) =>
                      setHotline(i, {
                        channels: h.channels.map((x, m) => (m === k ? { ...x, value: e.currentTarget.value } : x)),
                      })
                    }
                  />
                  <button type="button" onClick={() => setHotline(i, { channels: h.channels.filter((_, m) => m !== k) })}>
                    {t('publicProfile.removeChannel', { n: k + 1 })}
                  </button>
                </div>
              ))}
              <button type="button" onClick={() => setHotline(i, { channels: [...h.channels, { kind: 'chat', value: '' }] })}>
                {t('publicProfile.addChannel')}
              </button>{' '}
              <button type="button" onClick={() => setDraft((d) => ({ ...d, hotlines: d.hotlines.filter((_, j) => j !== i) }))}>
                {t('publicProfile.removeHotline', { n: i + 1 })}
              </button>
            </fieldset>
          ))}
          <p>
            <button type="button" onClick={() => setDraft((d) => ({ ...d, hotlines: [...d.hotlines, emptyHotline()] }))}>
              {t('publicProfile.addHotline')}
            </button>
          </p>
          <fieldset>
            <legend>{t('publicProfile.addressTitle')}</legend>
            <div class="field">
              <label for="profile-address">{t('publicProfile.address')}</label>
              <textarea id="profile-address" rows={3} value={draft.address} onInput={(e) => setDraft((d) => ({ ...d, address: e.currentTarget.value }))} />
            </div>
            <div class="field checkbox">
              <input
                type="checkbox"
                id="profile-address-public"
                checked={draft.addressPublic}
                aria-describedby="profile-address-hint"
                onChange={(e) => setDraft((d) => ({ ...d, addressPublic: e.currentTarget.checked }))}
              />
              <label for="profile-address-public">{t('publicProfile.addressPublic')}</label>
            </div>
            <p class="muted" id="profile-address-hint">
              {t('publicProfile.addressHint')}
            </p>
          </fieldset>
          <button type="submit" class="primary" aria-disabled={busy}>
            {t('publicProfile.save')}
          </button>
        </form>
      )}
    </div>
  );
}
