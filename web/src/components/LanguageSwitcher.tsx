import { isUiLanguage, setUiLanguage, uiLanguages, useT, currentUiLanguage, languageName } from '../i18n';

// Every language by its own name, so whoever reads none of the others still finds theirs.
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
            {languageName(code)}
          </option>
        ))}
      </select>
    </div>
  );
}
