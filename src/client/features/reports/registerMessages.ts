import i18n from 'i18next';
import { en } from '../../locales/reports/en';
import { uk } from '../../locales/reports/uk';

/** Adds the review and report texts to the app's translations, once, when a screen that needs them loads. */
if (!i18n.exists('reports.title', { lng: 'uk' })) {
  i18n.addResourceBundle('uk', 'translation', uk, true, false);
  i18n.addResourceBundle('en', 'translation', en, true, false);
}
