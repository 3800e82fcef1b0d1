// The needs assessment: a level per domain (safety, accommodation, health, legal status...),
// with a short note, and the date it was assessed.
import { useEffect, useState } from 'preact/hooks';
import { codeLabel, codesInOrder } from '../codes/labels';
import { CodeSelect } from '../components/CodeSelect';
import { useT } from '../i18n';
import { Section, SectionNotice, TextInput } from './fields';
import { lists } from './lists';
import { today } from './OpenCase';
import type { CaseNeeds } from './api';
import { useSectionDoc, type CaseSectionProps } from './useSectionDoc';

export interface NeedDomain {
  domain: string;
  level: string;
  note: string;
}


/** The domains assessed: those given a level, in the code list's order. */
export function assessedDomains(order: string[], levels: Record<string, NeedDomain>): NeedDomain[] {
  return order.map((d) => levels[d]).filter((n): n is NeedDomain => n !== undefined && n.level !== '');
}


export function NeedsSection({ api, codes, caseId, mayWrite, onChanged }: CaseSectionProps) {
  const t = useT();
  const s = useSectionDoc<CaseNeeds>(api, caseId, 'needs');
  const domains = codesInOrder(codes, lists.needDomain);
  const [levels, setLevels] = useState<Record<string, NeedDomain>>({});
  const [assessedOn, setAssessedOn] = useState(today());
  useEffect(() => {
    if (s.doc === null) return;
    setLevels(Object.fromEntries(s.doc.domains.map((d) => [d.domain, { ...d, note: d.note ?? '' }])));
    setAssessedOn(s.doc.assessed_on ?? today());
  }, [s.doc]);
  const change = (domain: string, part: Partial<NeedDomain>) =>
    setLevels((all) => ({ ...all, [domain]: { domain, level: '', note: '', ...all[domain], ...part } }));

  async function save(e: Event) {
    e.preventDefault();
    if (await s.save({ domains: assessedDomains(domains, levels), assessed_on: assessedOn }, t('cases.needs.saved'))) onChanged();
  }

  return (
    <Section id="case-needs" title={t('cases.needs.title')}>
      <SectionNotice notice={s.notice} conflict={s.conflict} onReload={s.reload} />
      {s.loaded && (
        <form onSubmit={(e) => void save(e)} noValidate aria-label={t('cases.needs.title')}>
          <fieldset disabled={!mayWrite}>
            <legend class="visually-hidden">{t('cases.needs.title')}</legend>
            {domains.map((d) => (
              <div class="grid need-row" key={d}>
                <div class="field">
                  <label for={`need-${d}-level`}>{codeLabel(codes, lists.needDomain, d)}</label>
                  <CodeSelect
                    id={`need-${d}-level`}
                    list={lists.needLevel}
                    codes={codes.lists[lists.needLevel] ?? []}
                    labels={codes}
                    value={levels[d]?.level ?? ''}
                    placeholder={t('cases.needs.notAssessed')}
                    onChange={(e) => change(d, { level: e.currentTarget.value })}
                  />
                </div>
                <TextInput
                  id={`need-${d}-note`}
                  name={`need-${d}-note`}
                  label={t('cases.needs.note', { domain: codeLabel(codes, lists.needDomain, d) })}
                  value={levels[d]?.note ?? ''}
                  error={s.error}
                  onValue={(note) => change(d, { note })}
                />
              </div>
            ))}
            <TextInput id="needs-assessed_on" name="assessed_on" kind="date" label={t('cases.needs.assessedOn')} value={assessedOn} error={s.error} onValue={setAssessedOn} />
            {mayWrite && (
              <button type="submit" class="secondary" aria-disabled={s.busy}>
                {t('cases.needs.save')}
              </button>
            )}
          </fieldset>
        </form>
      )}
    </Section>
  );
}
