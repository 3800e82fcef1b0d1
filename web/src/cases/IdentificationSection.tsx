// Identification: the ILO/EC indicators observed, grouped by their dimension (codes of the
// `identification_indicator` list are "<dimension>.<indicator>", the dimension a code of the
// `indicator` list), who assessed and when, and the trafficking status decided and by whom (the
// client's own coded status: the server keeps one value for both).
import { useEffect, useState } from 'preact/hooks';
import type { CodeLists } from '../api/types';
import { codeLabel, codesInOrder } from '../codes/labels';
import { useT } from '../i18n';
import type { CaseIdentification } from './api';
import { CodeChoice, Section, SectionNotice, TextInput } from './fields';
import { lists } from './lists';
import { today } from './OpenCase';
import { useSectionDoc, type CaseSectionProps } from './useSectionDoc';

/** The indicators of each dimension, in the lists' order: [dimension, indicator codes]. */
export function indicatorsByDimension(codes: CodeLists): [string, string[]][] {
  const all = codesInOrder(codes, lists.identificationIndicator);
  return codesInOrder(codes, lists.indicator)
    .map((d): [string, string[]] => [d, all.filter((c) => c.startsWith(`${d}.`))])
    .filter(([, found]) => found.length > 0);
}


export function IdentificationSection({ api, codes, caseId, mayWrite, onChanged }: CaseSectionProps) {
  const t = useT();
  const s = useSectionDoc<CaseIdentification>(api, caseId, 'identification');
  const [indicators, setIndicators] = useState<string[]>([]);
  const [assessedOn, setAssessedOn] = useState(today());
  const [status, setStatus] = useState('');
  const [decidedBy, setDecidedBy] = useState('');
  useEffect(() => {
    if (s.doc === null) return;
    setIndicators(s.doc.indicators);
    setAssessedOn(s.doc.assessed_on ?? today());
    setStatus(s.doc.trafficking_status ?? '');
    setDecidedBy(s.doc.decided_by ?? '');
  }, [s.doc]);

  async function save(e: Event) {
    e.preventDefault();
    if (status !== '' && decidedBy === '') {
      s.setError({ field: 'decided_by', text: t('cases.identification.needDecidedBy') });
      s.setNotice({ kind: 'error', text: t('cases.identification.needDecidedBy') });
      document.getElementById('identification-decided_by')?.focus();
      return;
    }
    const body = { indicators, assessed_on: assessedOn, trafficking_status: status || null, decided_by: decidedBy || null };
    if (await s.save(body, t('cases.identification.saved'))) onChanged();
  }

  const toggle = (code: string, on: boolean) => setIndicators((all) => (on ? [...all, code] : all.filter((c) => c !== code)));
  const assessor = s.doc?.assessed_by;
  return (
    <Section id="case-identification" title={t('cases.identification.title')}>
      <SectionNotice notice={s.notice} conflict={s.conflict} onReload={s.reload} />
      {assessor && s.doc?.assessed_on && (
        <p class="muted">{t('cases.identification.assessed', { name: assessor.name, date: s.doc.assessed_on })}</p>
      )}
      {s.loaded && (
        <form onSubmit={(e) => void save(e)} noValidate aria-label={t('cases.identification.title')}>
          <fieldset disabled={!mayWrite}>
            <legend>{t('cases.identification.indicators')}</legend>
            {indicatorsByDimension(codes).map(([dimension, found]) => (
              <fieldset class="checks" key={dimension} id={`indicators-${dimension}`}>
                <legend>{codeLabel(codes, lists.indicator, dimension)}</legend>
                <div class="checks-grid">
                  {found.map((code) => (
                    <label key={code} class="check">
                      <input type="checkbox" value={code} checked={indicators.includes(code)} onChange={(e) => toggle(code, e.currentTarget.checked)} />
                      {codeLabel(codes, lists.identificationIndicator, code)}
                    </label>
                  ))}
                </div>
              </fieldset>
            ))}
            <div class="grid">
              <TextInput id="identification-assessed_on" name="assessed_on" kind="date" label={t('cases.identification.assessedOn')} value={assessedOn} error={s.error} onValue={setAssessedOn} />
              <CodeChoice id="identification-trafficking_status" name="trafficking_status" label={t('cases.client.trafficking_status')} codes={codes} list={lists.traffickingStatus} value={status} error={s.error} onValue={setStatus} />
              <CodeChoice id="identification-decided_by" name="decided_by" label={t('cases.client.status_decided_by')} codes={codes} list={lists.decidedBy} value={decidedBy} error={s.error} onValue={setDecidedBy} />
            </div>
            {mayWrite && (
              <button type="submit" class="secondary" aria-disabled={s.busy}>
                {t('cases.identification.save')}
              </button>
            )}
          </fieldset>
        </form>
      )}
    </Section>
  );
}
