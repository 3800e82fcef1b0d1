// The form's status line: what just happened, and after finishing a link to the saved contact
// (and for a crisis, to its safety plan). It takes the focus after finishing or discarding, so
// the confirmation is in view and read out while the form empties.
import { StatusRegion, type Notice } from '../components/StatusRegion';
import { useT } from '../i18n';
import { hrefFor } from '../router';

export interface SavedContact {
  id: string;
  crisis: boolean;
}

export function SavedNotice({ notice, saved }: { notice: Notice | null; saved: SavedContact | null }) {
  const t = useT();
  return (
    <div id="contact-status" tabIndex={-1} class="status-anchor">
      <StatusRegion notice={notice}>
        {notice?.kind === 'success' && saved !== null && (
          <>
            {' '}
            <a href={hrefFor({ name: 'contact', id: saved.id })}>{t('log.openSaved')}</a>
            {saved.crisis && (
              <>
                {' '}
                <a class="button primary" href={hrefFor({ name: 'safetyPlan', id: saved.id })}>
                  {t('safetyPlan.write')}
                </a>
              </>
            )}
          </>
        )}
      </StatusRegion>
    </div>
  );
}
