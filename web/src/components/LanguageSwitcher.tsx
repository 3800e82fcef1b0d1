import { isUiLanguage, setUiLanguage, uiLanguages, useT, currentUiLanguage } from '../i18n';

export function LanguageSwitcher() {
  const t = useT();
  return (
    <div class="language-switcher">
      <label for="ui-language">{t('lang.label')}</label>
      <select
        id="ui-language"
        value={currentUiLanguage()}
        onChange={(e) => {
          const value = e.currentTarget.value;
          if (isUiLanguage(value)) void setUiLanguage(value);
        }}
      >
        {uiLanguages.map((code) => (
          <option key={code} value={code} lang={code}>
            {t(`lang.${code}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
