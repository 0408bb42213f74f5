import { uk } from '../locales/uk-session';
import { addUkrainian } from './i18n';

/**
 * Imported for its effect by every module that shows a text of locales/uk-session.ts ("who am I",
 * the login, the account, the end of access, the roles' names), as app/screenTexts.ts is for the
 * other screens: a fresh device's first screen after the PIN then brings only these.
 */
addUkrainian(uk);
