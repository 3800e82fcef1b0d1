// Trainings the organisation gave to partner professionals (docs/trainings.md): the list of a
// year, a form to record or change one (participants counted per audience, never named; topics;
// agencies from the directory; trainers from the staff or from outside; the evaluation), and the
// figures per year by audience as a chart with its table. Only held trainings are counted.
import { useState } from 'preact/hooks';
import type { ApiClient } from '../api/client';
import { errorMessage } from '../api/messages';
import type { CodeLists, OrgUser, User } from '../api/types';
import { listAgencies, type Agency } from '../agencies/api';
import { useLoaded } from '../cases/useLoaded';
import { codeLabel } from '../codes/labels';
import { BarChartFigure } from '../components/BarChartFigure';
import { PageHeading } from '../components/PageHeading';
import { StatusRegion, type Notice } from '../components/StatusRegion';
import { TableRegion } from '../components/TableRegion';
import { formatNumber } from '../format';
import { useT } from '../i18n';
import { can } from '../permissions';
import { listUsers } from '../users/api';
import { trainingsApi, type Training, type TrainingInput } from './api';

const palette = ['#1f5f8b', '#b5543c', '#3d7a3d'];
const figureYears = 3;

interface Draft {
  date: string;
  end_date: string;
  status: 'draft' | 'held';
  place: string;
  participants: Record<string, string>;
  topics: string[];
  agencies: string[];
  trainers: string[];
  external: string;
  score: string;
  summary: string;
}

function emptyDraft(year: number): Draft {
  const today = new Date().toISOString().slice(0, 10);
  return {
    date: today.startsWith(String(year)) ? today : `${year}-01-01`,
    end_date: '',
    status: 'held',
    place: '',
    participants: {},
    topics: [],
    agencies: [],
    trainers: [],
    external: '',
    score: '',
    summary: '',
  };
}

function draftOf(tr: Training): Draft {
  return {
    date: tr.date,
    end_date: tr.end_date,
    status: tr.status,
    place: tr.place,
    participants: Object.fromEntries(tr.audiences.map((a) => [a.audience, String(a.participants)])),
    topics: tr.topics,
    agencies: tr.agencies,
    trainers: tr.trainers,
    external: tr.external_trainers.join('\n'),
    score: tr.evaluation_score === null ? '' : String(tr.evaluation_score),
    summary: tr.evaluation_summary,
  };
}

function inputOf(d: Draft, audiences: readonly string[]): TrainingInput {
  return {
    date: d.date,
    end_date: d.end_date,
    status: d.status,
    place: d.place.trim(),
    audiences: audiences
      .filter((a) => (d.participants[a] ?? '').trim() !== '')
      .map((a) => ({ audience: a, participants: Number((d.participants[a] ?? '').trim()) })),
    topics: d.topics,
    agencies: d.agencies,
    trainers: d.trainers,
    external_trainers: d.external
      .split('\n')
      .map((s) => s.trim())
      .filter((s) => s !== ''),
    evaluation_score: d.score.trim() === '' ? null : Number(d.score.trim().replace(',', '.')),
    evaluation_summary: d.summary.trim(),
  };
}

function toggle(list: string[], code: string, on: boolean): string[] {
  return on ? [...list.filter((c) => c !== code), code] : list.filter((c) => c !== code);
}

/** A fieldset of checkboxes, one per option, whose ticked ids are `chosen`. */
function CheckboxGroup({
  legend,
  options,
  chosen,
  onChange,
}: {
  legend: string;
  options: { id: string; label: string }[];
  chosen: string[];
  onChange: (chosen: string[]) => void;
}) {
  return (
    <fieldset class="field">
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o.id} class="checkbox">
          <input
            type="checkbox"
            checked={chosen.includes(o.id)}
            onChange={(e) => onChange(toggle(chosen, o.id, e.currentTarget.checked))}
          />{' '}
          {o.label}
        </label>
      ))}
    </fieldset>
  );
}

export function TrainingsPage({ api, codes, user }: { api: ApiClient; codes: CodeLists; user: User }) {
  const t = useT();
  const [year, setYear] = useState(new Date().getFullYear());
  const trainings = useLoaded(() => trainingsApi.list(api, year), [year]);
  const figures = useLoaded(() => trainingsApi.figures(api, year - figureYears + 1, year), [year]);
  const mayManage = can(user, 'trainings.manage');
  const agencies = useLoaded<Agency[]>(
    () => (can(user, 'agency.read') ? listAgencies(api, { q: '', type: '', country: '' }, null, 200).then((p) => p.items) : Promise.resolve([])),
    [],
  );
  const staff = useLoaded<OrgUser[]>(() => (can(user, 'contact.list') ? listUsers(api) : Promise.resolve([])), []);
  const [editing, setEditing] = useState<Training | 'new' | null>(null);
  const [draft, setDraft] = useState<Draft>(emptyDraft(year));
  const [notice, setNotice] = useState<Notice | null>(null);
  const [busy, setBusy] = useState(false);
  const audiences = codes.lists.training_audience ?? [];
  const topics = codes.lists.training_topic ?? [];

  const open = (tr: Training | 'new') => {
    setEditing(tr);
    setDraft(tr === 'new' ? emptyDraft(year) : draftOf(tr));
    setNotice(null);
  };
  const set = (change: Partial<Draft>) => setDraft((d) => ({ ...d, ...change }));

  async function save(e: Event) {
    e.preventDefault();
    if (busy || editing === null) return;
    setBusy(true);
    setNotice(null);
    try {
      const input = inputOf(draft, audiences);
      if (editing === 'new') await trainingsApi.create(api, input);
      else await trainingsApi.update(api, editing.id, input, editing.version);
      setNotice({ kind: 'success', text: t('trainings.saved') });
      setEditing(null);
      const savedYear = Number(input.date.slice(0, 4));
      if (savedYear !== year && savedYear > 1999) setYear(savedYear);
      trainings.reload();
      figures.reload();
    } catch (error) {
      setNotice({ kind: 'error', text: errorMessage(t, error) });
    } finally {
      setBusy(false);
    }
  }

  async function remove(tr: Training) {
    if (busy || !window.confirm(t('trainings.confirmDelete'))) return;
    setBusy(true);
    try {
      await trainingsApi.remove(api, tr.id, tr.version);
      setNotice({ kind: 'success', text: t('trainings.deleted') });
      trainings.reload();
      figures.reload();
    } catch (error) {
      setNotice({ kind: 'error', text: errorMessage(t, error) });
    } finally {
      setBusy(false);
    }
  }

  const years = figures.value?.years ?? [];

  return (
    <div class="trainings-page">
      <PageHeading title={t('trainings.title')} />
      <p>{t('trainings.intro')}</p>
      <StatusRegion notice={notice ?? trainings.notice} />
      <div class="field">
        <label for="trainings-year">{t('trainings.year')}</label>
        <input
          id="trainings-year"
          type="number"
          min={2000}
          max={2999}
          value={year}
          onChange={(e) => {
            const y = Number(e.currentTarget.value);
            if (y >= 2000 && y <= 2999) setYear(y);
          }}
        />
      </div>
      {mayManage && editing === null && (
        <button type="button" onClick={() => open('new')}>
          {t('trainings.add')}
        </button>
      )}
      {editing !== null && (
        <form class="training-form" onSubmit={(e) => void save(e)} noValidate aria-labelledby="training-form-title">
          <h2 id="training-form-title">{editing === 'new' ? t('trainings.add') : t('trainings.edit')}</h2>
          <div class="field">
            <label for="training-date">{t('trainings.date')}</label>
            <input id="training-date" type="date" required value={draft.date} onInput={(e) => set({ date: e.currentTarget.value })} />
          </div>
          <div class="field">
            <label for="training-end">{t('trainings.endDate')}</label>
            <input id="training-end" type="date" value={draft.end_date} onInput={(e) => set({ end_date: e.currentTarget.value })} />
          </div>
          <div class="field">
            <label for="training-status">{t('trainings.status')}</label>
            <select
              id="training-status"
              value={draft.status}
              onChange={(e) => set({ status: e.currentTarget.value === 'draft' ? 'draft' : 'held' })}
            >
              <option value="held">{t('trainings.statuses.held')}</option>
              <option value="draft">{t('trainings.statuses.draft')}</option>
            </select>
          </div>
          <div class="field">
            <label for="training-place">{t('trainings.place')}</label>
            <input id="training-place" type="text" maxLength={200} value={draft.place} onInput={(e) => set({ place: e.currentTarget.value })} />
          </div>
          <fieldset class="field">
            <legend>{t('trainings.participants')}</legend>
            <p class="hint">{t('trainings.participantsHint')}</p>
            {audiences.map((code) => (
              <div class="field" key={code}>
                <label for={`training-aud-${code}`}>{codeLabel(codes, 'training_audience', code)}</label>
                <input
                  id={`training-aud-${code}`}
                  type="number"
                  min={1}
                  max={100000}
                  inputMode="numeric"
                  value={draft.participants[code] ?? ''}
                  onInput={(e) => {
                    const value = e.currentTarget.value;
                    setDraft((d) => ({ ...d, participants: { ...d.participants, [code]: value } }));
                  }}
                />
              </div>
            ))}
          </fieldset>
          <CheckboxGroup
            legend={t('trainings.topics')}
            options={topics.map((code) => ({ id: code, label: codeLabel(codes, 'training_topic', code) }))}
            chosen={draft.topics}
            onChange={(chosen) => set({ topics: chosen })}
          />
          {(agencies.value ?? []).length > 0 && (
            <CheckboxGroup
              legend={t('trainings.agencies')}
              options={(agencies.value ?? []).map((a) => ({ id: a.id, label: a.name }))}
              chosen={draft.agencies}
              onChange={(chosen) => set({ agencies: chosen })}
            />
          )}
          {(staff.value ?? []).length > 0 && (
            <CheckboxGroup
              legend={t('trainings.trainers')}
              options={(staff.value ?? []).map((u) => ({ id: u.id, label: u.name }))}
              chosen={draft.trainers}
              onChange={(chosen) => set({ trainers: chosen })}
            />
          )}
          <div class="field">
            <label for="training-external">{t('trainings.externalTrainers')}</label>
            <textarea
              id="training-external"
              rows={2}
              aria-describedby="training-external-hint"
              value={draft.external}
              onInput={(e) => set({ external: e.currentTarget.value })}
            />
            <p id="training-external-hint" class="hint">
              {t('trainings.externalHint')}
            </p>
          </div>
          <div class="field">
            <label for="training-score">{t('trainings.score')}</label>
            <input
              id="training-score"
              type="number"
              min={1}
              max={5}
              step={0.1}
              value={draft.score}
              onInput={(e) => set({ score: e.currentTarget.value })}
            />
          </div>
          <div class="field">
            <label for="training-summary">{t('trainings.summary')}</label>
            <textarea id="training-summary" rows={3} maxLength={4000} value={draft.summary} onInput={(e) => set({ summary: e.currentTarget.value })} />
          </div>
          <div class="actions">
            <button type="submit" disabled={busy}>
              {t('trainings.save')}
            </button>{' '}
            <button type="button" class="secondary" onClick={() => setEditing(null)}>
              {t('trainings.cancel')}
            </button>
          </div>
        </form>
      )}
      <section aria-labelledby="trainings-list-title">
        <h2 id="trainings-list-title">{t('trainings.listTitle', { year })}</h2>
        {trainings.value && trainings.value.length === 0 && <p>{t('trainings.none')}</p>}
        {trainings.value && trainings.value.length > 0 && (
          <TableRegion name={t('trainings.listTitle', { year })}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('trainings.date')}</th>
                  <th scope="col">{t('trainings.place')}</th>
                  <th scope="col">{t('trainings.audiences')}</th>
                  <th scope="col" class="num">
                    {t('trainings.participants')}
                  </th>
                  <th scope="col">{t('trainings.status')}</th>
                  {mayManage && <th scope="col">{t('trainings.actions')}</th>}
                </tr>
              </thead>
              <tbody>
                {trainings.value.map((tr) => (
                  <tr key={tr.id}>
                    <td>{tr.end_date ? `${tr.date} – ${tr.end_date}` : tr.date}</td>
                    <td>{tr.place}</td>
                    <td>{tr.audiences.map((a) => codeLabel(codes, 'training_audience', a.audience)).join(', ')}</td>
                    <td class="num">{formatNumber(tr.participants)}</td>
                    <td>{t(`trainings.statuses.${tr.status}`)}</td>
                    {mayManage && (
                      <td>
                        <button type="button" class="secondary" onClick={() => open(tr)}>
                          {t('trainings.editOne', { date: tr.date })}
                        </button>{' '}
                        <button type="button" class="secondary" disabled={busy} onClick={() => void remove(tr)}>
                          {t('trainings.deleteOne', { date: tr.date })}
                        </button>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        )}
      </section>
      <section aria-labelledby="trainings-figures-title">
        <h2 id="trainings-figures-title">{t('trainings.figuresTitle')}</h2>
        <StatusRegion notice={figures.notice} />
        {years.length > 0 && (
          <>
            <BarChartFigure
              id="trainings-by-audience"
              title={t('trainings.chartTitle')}
              summary={t('trainings.chartSummary', { from: years[0]?.year ?? year, to: year })}
              labelHeading={t('trainings.audience')}
              height={Math.max(160, 28 * audiences.length + 60)}
              spec={{
                labels: audiences.map((code) => codeLabel(codes, 'training_audience', code)),
                horizontal: true,
                series: years.map((y, i) => ({
                  label: String(y.year),
                  values: audiences.map((code) => y.by_audience.find((a) => a.audience === code)?.participants ?? 0),
                  colour: palette[i % palette.length] ?? '#1f5f8b',
                })),
              }}
            />
            <TableRegion name={t('trainings.coursesTitle')}>
              <table class="report-figures">
                <caption>{t('trainings.coursesTitle')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('trainings.year')}</th>
                    <th scope="col" class="num">
                      {t('trainings.courses')}
                    </th>
                    <th scope="col" class="num">
                      {t('trainings.participants')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {years.map((y) => (
                    <tr key={y.year}>
                      <th scope="row">{y.year}</th>
                      <td class="num">{formatNumber(y.courses)}</td>
                      <td class="num">{formatNumber(y.participants)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableRegion>
          </>
        )}
      </section>
    </div>
  );
}
