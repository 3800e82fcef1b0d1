// The hotline screen's keys, listed on the screen behind a disclosure.
import { useT } from '../i18n';
import { jumpKeys, type JumpTarget } from './shortcuts';

const jumpOrder: JumpTarget[] = ['category', 'callerType', 'details', 'outcome', 'summary'];

export function ShortcutHelp() {
  const t = useT();
  const row = (keys: string, what: string) => (
    <div key={keys}>
      <dt>
        <kbd>{keys}</kbd>
      </dt>
      <dd>{what}</dd>
    </div>
  );
  return (
    <details class="shortcut-help">
      <summary>{t('hotline.keysTitle')}</summary>
      <p class="hint">{t('hotline.keysIntro')}</p>
      <dl>
        {row('D / N', t('hotline.keyKind'))}
        {row(t('hotline.keyLetters'), t('hotline.keyCategory'))}
        {row('1–9', t('hotline.keyCallerType'))}
        {row('← → Home End', t('hotline.keyArrows'))}
        {jumpOrder.map((to) => row(`Alt+${jumpKeys[to]}`, t(`hotline.jump.${to}`)))}
        {row('Ctrl+S', t('hotline.keySaveDraft'))}
        {row('Ctrl+Enter', t('hotline.keyFinish'))}
        {row('Alt+N', t('hotline.keyNewContact'))}
      </dl>
    </details>
  );
}
