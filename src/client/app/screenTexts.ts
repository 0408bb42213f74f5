import { uk } from '../locales/uk-screens';
import { addUkrainian } from './i18n';

/**
 * Imported for its effect by every module that shows a text of locales/uk-screens.ts (the forms,
 * the plan, who I am, sync and hand-over): their chunk then brings the Ukrainian texts and adds
 * them as it loads, before anything renders them. Today's first load goes without them
 * (tests/client/app/firstLoadImports.test.ts checks both).
 */
addUkrainian(uk);
