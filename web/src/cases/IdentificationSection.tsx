// Identification: the ILO/EC indicators observed (codes of the `indicator` list), who assessed
// and when, and the trafficking status decided and by whom.
import { useEffect, useState } from 'preact/hooks';
import type { ApiClient } from '../api/client';
import type { CodeLists } from '../api/types';
import { useT } from '../i18n';
import type { UserRef } from './api';
import { CodeCheckList, CodeChoice, Section, SectionNotice, TextInput } from './fields';
import { lists } from './lists';
import { today } from './OpenCase';
import { useSectionDoc } from './useSectionDoc';

export interface Identification {
  indicators: string[];
  assessed_by?: UserRef | string | null;
  assessed_on: string;
  trafficking_status: string | null;
  decided_by: string | null;
  version?: number;
}

export function IdentificationSection({ api, codes, caseId, mayWrite }: { api: ApiClient; codes: CodeLists; caseId: string; mayWrite: boolean }) {
  const t = useT();
  const s = useSectionDoc<Identification>(api, caseId, 'identification');
  const [indicators, setIndicators] = useState<string[]>([]);
  const [assessedOn, setAssessedOn] = useState(today());
  const [status, setStatus] = useState('');
  const [decidedBy, setDecidedBy] = useState('');
  useEffect(() => {
    if (s.doc === null) return;
    setIndicators(s.doc.indicators);
    setAssessedOn(s.doc.assessed_on);
    setStatus(s.doc.trafficking_status ?? '');
    setDecidedBy(s.doc.decided_by ?? '');
  }, [s.doc]);

  function save(e: Event) {
    e.preventDefault();
    if (status !== '' && decidedBy === '') {
      s.setError({ field: 'decided_by', text: t('cases.identification.needDecidedBy') });
      s.setNotice({ kind: 'error', text: t('cases.identification.needDecidedBy') });
      document.getElementById('identification-decided_by')?.focus();
      return;
    }
    void s.save(
      { indicators, assessed_on: assessedOn, trafficking_status: status || null, decided_by: decidedBy || null },
      t('cases.identification.saved'),
    );
  }

  const assessor = s.doc?.assessed_by;
  return (
    <Section id="case-identification" title={t('cases.identification.title')}>
      <SectionNotice notice={s.notice} conflict={s.conflict} onReload={s.reload} />
      {s.doc !== null && assessor && (
        <p class="muted">
          {t('cases.identification.assessed', {
            name: typeof assessor === 'string' ? assessor.slice(0, 8) : assessor.name,
            date: s.doc.assessed_on,
          })}
        </p>
      )}
      {s.loaded && (
        <form onSubmit={save} noValidate aria-label={t('cases.identification.title')}>
          <fieldset disabled={!mayWrite}>
            <CodeCheckList id="identification-indicators" name="indicators" label={t('cases.identification.indicators')} codes={codes} list={lists.indicator} value={indicators} error={s.error} onValue={setIndicators} />
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
