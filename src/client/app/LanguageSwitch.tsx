import { useTranslation } from 'react-i18next';
import type { Lang } from '../../shared/messages/lang';
import { setLanguage, useLang } from './i18n';

const LANGS: { id: Lang; short: string; name: string }[] = [
  { id: 'uk', short: 'УКР', name: 'Українська' },
  { id: 'en', short: 'ENG', name: 'English' },
];

export function LanguageSwitch() {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <div className="segmented lang" role="group" aria-label={t('app.language')}>
      {LANGS.map((l) => (
        <button key={l.id} type="button" lang={l.id} aria-pressed={lang === l.id} aria-label={l.name} onClick={() => setLanguage(l.id)}>
          {l.short}
        </button>
      ))}
    </div>
  );
}
