import type { ComponentChildren } from 'preact';
import { useT } from '../i18n';

/**
 * The scroll container of a wide table: a named region in the tab order, so keyboard users can
 * scroll it too (axe rule scrollable-region-focusable).
 */
export function TableRegion({ name, children }: { name: string; children: ComponentChildren }) {
  const t = useT();
  return (
    <div class="table-wrap" role="region" tabIndex={0} aria-label={t('screens.tableRegion', { name })}>
      {children}
    </div>
  );
}
