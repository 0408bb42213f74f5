import { registerMessages } from '../../app/i18n';
import { uk } from '../../locales/reports/uk';

/**
 * Adds the review and report texts to the app's translations, once, when a screen that needs them
 * loads. Their English is a chunk of its own; the screens export this promise as `ready`, which
 * lazyScreen awaits, so on an English device they never show Ukrainian first. (Not a top-level
 * await: one in the graph makes the bundler split the shell into many more chunks.)
 */
export const messagesReady = registerMessages(uk, () => import('../../locales/reports/en').then((m) => m.en));
