import { registerMessages } from '../../app/i18n';
import { uk } from '../../locales/admin/uk';

/** Adds the administration texts to the app's translations when its screen loads (English as a chunk of its own). */
export const messagesReady = registerMessages(uk, () => import('../../locales/admin/en').then((m) => m.en));
