// The filters above a list or a report: a named form with its fields in a fieldset, and the
// Apply button (then any further actions, such as Clear or Export) at the end of the row.
import type { ComponentChildren } from 'preact';
import { useT } from '../i18n';

interface FilterBarProps {
  /** The form's accessible name, when the page has more than one form. */
  label?: string;
  legend: string;
  onApply: (e: Event) => void;
  /** Buttons after Apply. */
  actions?: ComponentChildren;
  id?: string;
  hidden?: boolean;
  children: ComponentChildren;
}

export function FilterBar({ label, legend, onApply, actions, id, hidden, children }: FilterBarProps) {
  const t = useT();
  return (
    <form id={id} class="filter filter-bar" hidden={hidden} onSubmit={onApply} noValidate aria-label={label}>
      <fieldset>
        <legend>{legend}</legend>
        {children}
        <div class="filter-actions">
          <button type="submit" class="secondary">
            {t('contacts.apply')}
          </button>
          {actions}
        </div>
      </fieldset>
    </form>
  );
}

/** "Load more" under a paged list, while the server has a next page. */
export function LoadMore({ loading, onMore }: { loading: boolean; onMore: () => void }) {
  const t = useT();
  return (
    <button
      type="button"
      class="secondary load-more"
      aria-disabled={loading}
      onClick={() => {
        if (!loading) onMore();
      }}
    >
      {loading ? t('contacts.loadingMore') : t('contacts.loadMore')}
    </button>
  );
}
