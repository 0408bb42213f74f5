import { registerMessages } from '../../app/i18n';
import { uk } from '../../locales/reports/uk';

/**
 * Adds the review and report texts to the app's translations, once, when a screen that needs them
 * loads. Their English is a chunk of its own; on an English device this module waits for it, so
 * the screen that imports it never shows Ukrainian first.
 */
await registerMessages(uk, () => import('../../locales/reports/en').then((m) => m.en));
