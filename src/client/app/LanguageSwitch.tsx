import { langs } from '../../shared/messages/lang';
import { setLanguage, useLang, useTranslation } from './i18n';

export function LanguageSwitch() {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <div className="segmented lang" role="group" aria-label={t('app.language')}>
      {/* Each language is named in itself, whichever language the page is in. */}
      {langs.map((l) => (
        <button key={l} type="button" lang={l} aria-pressed={lang === l} aria-label={t(`app.langs.${l}.name`)} onClick={() => void setLanguage(l)}>
          {t(`app.langs.${l}.short`)}
        </button>
      ))}
    </div>
  );
}
