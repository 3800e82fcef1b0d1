// Data contact or non-data contact: two buttons, one Tab stop (WAI-ARIA toolbar), D and N.
import { useT } from '../i18n';
import { inputIds } from './fieldIds';
import { onToolbarKeyDown } from './rovingFocus';

interface Props {
  nonData: boolean;
  onChange: (kind: 'data' | 'non_data') => void;
}

export function ContactKindSwitch({ nonData, onChange }: Props) {
  const t = useT();
  const option = (kind: 'data' | 'non_data', key: string, label: string) => {
    const chosen = (kind === 'non_data') === nonData;
    return (
      <button
        type="button"
        id={kind === 'data' ? 'contact-kind-data' : 'contact-kind-non-data'}
        class="toggle"
        tabIndex={chosen ? 0 : -1}
        aria-pressed={chosen}
        aria-keyshortcuts={key}
        onClick={() => onChange(kind)}
      >
        <kbd aria-hidden="true">{key}</kbd>
        {label}
      </button>
    );
  };
  return (
    <div class="kind-switch" role="toolbar" aria-label={t('hotline.kind')} id={inputIds.kind} onKeyDown={onToolbarKeyDown}>
      {option('data', 'D', t('hotline.kindData'))}
      {option('non_data', 'N', t('hotline.kindNonData'))}
    </div>
  );
}
