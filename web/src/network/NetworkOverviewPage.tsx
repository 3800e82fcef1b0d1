// The network overview at the hub (docs/network.md, "The overview"): the members' yearly figures
// over a span of years, charts with their tables (calls and people assisted by year and member,
// both by country), totals that leave "not collected", suppressed and unreported cells out with
// footnotes naming them, CSV and XLSX downloads, a printable page, and what the network publishes.
import { useState } from 'preact/hooks';
import type { TFunction } from 'i18next';
import type { ApiClient } from '../api/client';
import { errorMessage } from '../api/messages';
import type { User } from '../api/types';
import { useLoaded } from '../cases/useLoaded';
import { BarChartFigure } from '../components/BarChartFigure';
import { StatusRegion, type Notice } from '../components/StatusRegion';
import { TableRegion } from '../components/TableRegion';
import { formatDateTime } from '../format';
import { useT } from '../i18n';
import { can } from '../permissions';
import {
  choosableFigures,
  getOverview,
  getPublication,
  headlineFigures,
  listReceivedReports,
  overviewPath,
  savePublication,
  type Overview,
  type Publication,
} from './overviewApi';
import { cellText, footnoteText, seriesByMember, totalText } from './overviewFormat';

const colours = ['#1f5f8b', '#b35900', '#2e7d32', '#6a1b9a', '#c62828', '#00838f', '#5d4037', '#455a64'];

const key = (id: string) => id.replace(/\./g, '_');

export function figureLabel(t: TFunction, id: string): string {
  return t(`networkOverview.figures.${key(id)}`, { defaultValue: id });
}

interface Span {
  from: number;
  to: number;
  figures: string[];
}

function SpanForm({ span, onShow }: { span: Span; onShow: (span: Span) => void }) {
  const t = useT();
  const [first, setFirst] = useState(String(span.from));
  const [last, setLast] = useState(String(span.to));
  const [figures, setFigures] = useState(span.figures);
  const [notice, setNotice] = useState<Notice | null>(null);
  const submit = (e: Event) => {
    e.preventDefault();
    if (figures.length === 0) {
      setNotice({ kind: 'error', text: t('networkOverview.needFigure') });
      return;
    }
    setNotice(null);
    onShow({ from: Number(first), to: Number(last), figures: choosableFigures.filter((f) => figures.includes(f)) });
  };
  return (
    <form class="overview-span no-print" onSubmit={submit} aria-labelledby="overview-span">
      <h2 id="overview-span">{t('networkOverview.span')}</h2>
      <label for="overview-from">{t('networkOverview.from')}</label>
      <input id="overview-from" type="number" min={1990} max={9999} value={first} onInput={(e) => setFirst(e.currentTarget.value)} />
      <label for="overview-to">{t('networkOverview.to')}</label>
      <input id="overview-to" type="number" min={1990} max={9999} value={last} onInput={(e) => setLast(e.currentTarget.value)} />
      <fieldset>
        <legend>{t('networkOverview.figuresShown')}</legend>
        {choosableFigures.map((f) => (
          <div class="checkbox" key={f}>
            <input
              id={`overview-figure-${key(f)}`}
              type="checkbox"
              checked={figures.includes(f)}
              onChange={(e) => setFigures(e.currentTarget.checked ? [...figures, f] : figures.filter((x) => x !== f))}
            />
            <label for={`overview-figure-${key(f)}`}>{figureLabel(t, f)}</label>
          </div>
        ))}
      </fieldset>
      <button type="submit">{t('networkOverview.show')}</button>
      <StatusRegion notice={notice} />
    </form>
  );
}

function Totals({ o }: { o: Overview }) {
  const t = useT();
  const names = new Map(o.members.map((m) => [m.code, m]));
  return (
    <section aria-labelledby="overview-totals">
      <h2 id="overview-totals">{t('networkOverview.totalsTitle', { from: o.from, to: o.to })}</h2>
      <TableRegion name={t('networkOverview.totalsTitle', { from: o.from, to: o.to })}>
        <table class="overview-totals">
          <caption class="visually-hidden">{t('networkOverview.totalsTitle', { from: o.from, to: o.to })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('networkOverview.who')}</th>
              <FigureHeadings figures={o.figures} />
            </tr>
          </thead>
          <tbody>
            {o.by_member.map((m) => (
              <tr key={m.member}>
                <th scope="row">
                  {m.member} {names.get(m.member)?.name} ({names.get(m.member)?.country})
                </th>
                {m.totals.map((total) => (
                  <td class="num" key={total.figure}>
                    {totalText(t, total)}
                  </td>
                ))}
              </tr>
            ))}
            {o.by_country.map((c) => (
              <tr key={`country-${c.country}`}>
                <th scope="row">{t('networkOverview.country', { country: c.country })}</th>
                {c.totals.map((total) => (
                  <td class="num" key={total.figure}>
                    {totalText(t, total)}
                  </td>
                ))}
              </tr>
            ))}
            <tr class="grand-total">
              <th scope="row">{t('networkOverview.allMembers')}</th>
              {o.totals.map((total) => (
                <td class="num" key={total.figure}>
                  {totalText(t, total)}
                </td>
              ))}
            </tr>
          </tbody>
        </table>
      </TableRegion>
    </section>
  );
}

function Footnotes({ o }: { o: Overview }) {
  const t = useT();
  if (o.footnotes.length === 0) return <p>{t('networkOverview.complete')}</p>;
  return (
    <section aria-labelledby="overview-notes">
      <h2 id="overview-notes">{t('networkOverview.notesTitle')}</h2>
      <p>{t('networkOverview.notesIntro')}</p>
      <ul class="footnotes">
        {o.footnotes.map((note) => (
          <li key={`${note.state}-${note.figure}`}>{footnoteText(t, note, (id) => figureLabel(t, id))}</li>
        ))}
      </ul>
    </section>
  );
}

function YearlyTable({ o }: { o: Overview }) {
  const t = useT();
  return (
    <section aria-labelledby="overview-yearly">
      <h2 id="overview-yearly">{t('networkOverview.yearlyTitle')}</h2>
      <TableRegion name={t('networkOverview.yearlyTitle')}>
        <table class="overview-yearly">
          <caption class="visually-hidden">{t('networkOverview.yearlyTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('networkOverview.member')}</th>
              <th scope="col">{t('networkOverview.year')}</th>
              <th scope="col">{t('networkOverview.origin')}</th>
              <FigureHeadings figures={o.figures} />
            </tr>
          </thead>
          <tbody>
            {o.rows.map((r) => (
              <tr key={`${r.member}-${String(r.year)}`}>
                <th scope="row">{r.member}</th>
                <td>{r.year}</td>
                <td>{r.origin === null ? '—' : t(`reports.origin.${r.origin}`)}</td>
                {o.figures.map((f) => (
                  <td class="num" key={f}>
                    {cellText(t, r.figures[f])}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
    </section>
  );
}

/** Every revision received for the years shown: the one that counts, and those it replaced. */
function Revisions({ api, o }: { api: ApiClient; o: Overview }) {
  const t = useT();
  const loaded = useLoaded(() => listReceivedReports(api), [o.from, o.to]);
  const shown = (loaded.value?.items ?? []).filter((r) => {
    const year = Number(r.start.slice(0, 4));
    return year >= o.from && year <= o.to;
  });
  return (
    <section aria-labelledby="overview-revisions">
      <h2 id="overview-revisions">{t('networkOverview.revisionsTitle')}</h2>
      <StatusRegion notice={loaded.notice} />
      {loaded.value && shown.length === 0 && <p>{t('networkOverview.noRevisions')}</p>}
      {shown.length > 0 && (
        <TableRegion name={t('networkOverview.revisionsTitle')}>
          <table class="overview-revisions">
            <caption class="visually-hidden">{t('networkOverview.revisionsTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('networkOverview.member')}</th>
                <th scope="col">{t('networkOverview.period')}</th>
                <th scope="col">{t('networkOverview.revision')}</th>
                <th scope="col">{t('networkOverview.origin')}</th>
                <th scope="col">{t('networkOverview.receivedAt')}</th>
                <th scope="col">{t('networkOverview.counts')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((r) => (
                <tr key={`${r.member}-${r.period}-${r.start}-${String(r.revision)}`}>
                  <th scope="row">{r.member}</th>
                  <td>{r.label}</td>
                  <td>{r.revision}</td>
                  <td>{t(`reports.origin.${r.origin}`)}</td>
                  <td>{formatDateTime(r.received_at)}</td>
                  <td>{r.latest ? t('networkOverview.latest') : t('networkOverview.replaced')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
    </section>
  );
}

/** One column heading per figure shown, for the overview's tables. */
function FigureHeadings({ figures }: { figures: string[] }) {
  const t = useT();
  return (
    <>
      {figures.map((f) => (
        <th scope="col" class="num" key={f}>
          {figureLabel(t, f)}
        </th>
      ))}
    </>
  );
}

function CountryChart({ o }: { o: Overview }) {
  const t = useT();
  const shown = ['contacts.total', 'people.total'].filter((f) => o.figures.includes(f));
  const index = (f: string) => o.figures.indexOf(f);
  // The map colours each country by people assisted (or calls when only they are shown).
  const mapped = shown.includes('people.total') ? 'people.total' : shown[0];
  const draw =
    mapped === undefined
      ? undefined
      : async (canvas: HTMLCanvasElement) => {
          const { drawCountryMap } = await import('./countryMap');
          return drawCountryMap(
            canvas,
            figureLabel(t, mapped),
            o.by_country.map((c) => {
              const total = c.totals[index(mapped)];
              return { country: c.country, n: total && total.counted > 0 ? total.n : null, text: totalText(t, total) };
            }),
          );
        };
  return (
    <BarChartFigure
      id="overview-by-country"
      title={t('networkOverview.byCountry')}
      summary={
        mapped === undefined
          ? t('networkOverview.byCountrySummary', { count: o.by_country.length })
          : t('networkOverview.mapSummary', { figure: figureLabel(t, mapped), count: o.by_country.length })
      }
      draw={draw}
      labelHeading={t('networkOverview.countryColumn')}
      height={draw ? 420 : Math.max(140, 40 * o.by_country.length + 60)}
      spec={{
        labels: o.by_country.map((c) => c.country),
        horizontal: true,
        series: shown.map((f, i) => ({
          label: figureLabel(t, f),
          values: o.by_country.map((c) => c.totals[index(f)]?.n ?? 0),
          display: o.by_country.map((c) => totalText(t, c.totals[index(f)])),
          colour: colours[i] ?? '#1f5f8b',
        })),
      }}
    />
  );
}

function PublicationForm({ api, user, o }: { api: ApiClient; user: User; o: Overview }) {
  const t = useT();
  const loaded = useLoaded(() => getPublication(api), []);
  const editable = can(user, 'network.publication_manage');
  const p = loaded.value;
  const [figures, setFigures] = useState<string[] | null>(null);
  const [members, setMembers] = useState<string[] | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  if (!p) return <StatusRegion notice={loaded.notice} />;
  const chosenFigures = figures ?? p.figures;
  const chosenMembers = members ?? p.members;
  const toggle = (list: string[], value: string, on: boolean) => (on ? [...list.filter((v) => v !== value), value] : list.filter((v) => v !== value));
  const save = (e: Event) => {
    e.preventDefault();
    if (chosenFigures.length === 0) {
      setNotice({ kind: 'error', text: t('networkOverview.publication.needFigure') });
      return;
    }
    savePublication(api, { year_from: o.from, year_to: o.to, figures: chosenFigures, members: chosenMembers, version: p.version }).then(
      (saved: Publication) => {
        loaded.setValue(saved);
        setFigures(null);
        setMembers(null);
        setNotice({ kind: 'success', text: t('networkOverview.publication.saved', { from: o.from, to: o.to }) });
      },
      (error: unknown) => setNotice({ kind: 'error', text: errorMessage(t, error) }),
    );
  };
  return (
    <form class="no-print" onSubmit={save} aria-labelledby="overview-publication">
      <h2 id="overview-publication">{t('networkOverview.publication.title')}</h2>
      <p>
        {p.version === 0 || p.year_from === null || p.year_to === null
          ? t('networkOverview.publication.nothing')
          : t('networkOverview.publication.current', {
              from: p.year_from,
              to: p.year_to,
              at: p.updated_at === null ? '' : formatDateTime(p.updated_at),
            })}
      </p>
      <fieldset disabled={!editable}>
        <legend>{t('networkOverview.publication.figures')}</legend>
        {o.figures.map((f) => (
          <div class="checkbox" key={f}>
            <input id={`publish-figure-${key(f)}`} type="checkbox" checked={chosenFigures.includes(f)} onChange={(e) => setFigures(toggle(chosenFigures, f, e.currentTarget.checked))} />
            <label for={`publish-figure-${key(f)}`}>{figureLabel(t, f)}</label>
          </div>
        ))}
      </fieldset>
      <fieldset disabled={!editable}>
        <legend>{t('networkOverview.publication.members')}</legend>
        {o.members.map((m) => (
          <div class="checkbox" key={m.code}>
            <input id={`publish-member-${m.code}`} type="checkbox" checked={chosenMembers.includes(m.code)} onChange={(e) => setMembers(toggle(chosenMembers, m.code, e.currentTarget.checked))} />
            <label for={`publish-member-${m.code}`}>
              {m.code} {m.name}
            </label>
          </div>
        ))}
      </fieldset>
      {editable && <button type="submit">{t('networkOverview.publication.save', { from: o.from, to: o.to })}</button>}
      <StatusRegion notice={notice} />
    </form>
  );
}

export function NetworkOverviewPage({ api, user }: { api: ApiClient; user: User }) {
  const t = useT();
  const thisYear = new Date().getFullYear();
  const [span, setSpan] = useState<Span>({ from: thisYear - 19, to: thisYear, figures: headlineFigures });
  const loaded = useLoaded(() => getOverview(api, span.from, span.to, span.figures), [span.from, span.to, span.figures.join(',')]);
  const o = loaded.value;
  return (
    <div class="network-overview">
      <h1>{t('networkOverview.title')}</h1>
      <p class="intro">{t('networkOverview.intro')}</p>
      <SpanForm span={span} onShow={setSpan} />
      <StatusRegion notice={loaded.notice} />
      {o && (
        <>
          <p class="actions no-print">
            <a class="button" href={overviewPath(o.from, o.to, 'csv', o.figures)} download>
              {t('networkOverview.downloadCsv')}
            </a>{' '}
            <a class="button" href={overviewPath(o.from, o.to, 'xlsx', o.figures)} download>
              {t('networkOverview.downloadXlsx')}
            </a>{' '}
            <button type="button" onClick={() => window.print()}>
              {t('networkOverview.print')}
            </button>
          </p>
          <p class="print-only">{t('networkOverview.printedSpan', { from: o.from, to: o.to })}</p>
          {o.members.length === 0 ? (
            <p>{t('networkOverview.noMembers')}</p>
          ) : (
            <>
              {(['contacts.total', 'people.total'] as const)
                .filter((f) => o.figures.includes(f))
                .map((f) => (
                  <BarChartFigure
                    key={f}
                    id={`overview-${key(f)}`}
                    title={t(`networkOverview.chart.${key(f)}`)}
                    summary={t('networkOverview.chartSummary', { from: o.from, to: o.to, count: o.members.length })}
                    labelHeading={t('networkOverview.year')}
                    spec={seriesByMember(t, o, f, colours)}
                  />
                ))}
              <CountryChart o={o} />
              <Totals o={o} />
              <Footnotes o={o} />
              <YearlyTable o={o} />
              <Revisions api={api} o={o} />
            </>
          )}
          <PublicationForm api={api} user={user} o={o} />
        </>
      )}
    </div>
  );
}
