// The referring agency of a case (a partner's referral, or one recorded by staff): a link to it in
// the directory, for those who may read the directory. Nothing when the case names no agency.
import { useT } from '../i18n';
import { hrefFor } from '../router';

export function ReferralAgencyLink({ agencyId }: { agencyId?: string | null | undefined }) {
  const t = useT();
  if (!agencyId) return null;
  return (
    <>
      {' · '}
      <a href={hrefFor({ name: 'agency', id: agencyId })}>{t('partner.agencyLink')}</a>
    </>
  );
}
