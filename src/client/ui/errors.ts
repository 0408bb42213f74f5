// Its texts come with its chunk (app/screenTexts.ts).
import '../app/screenTexts';
import { isValidationMessageKey, validationMessages } from '../../shared/messages/validation';
import { useLang, useTranslation } from '../app/i18n';

/** The form's own reason for a field left at its empty choice (contentResolver sets it). */
export const CHOOSE_OPTION = 'choose_option';

/**
 * Schemas carry message keys; the text comes from the shared bilingual table in the current
 * language. Anything without a known key reads as "value is not allowed" rather than raw zod text.
 */
export function useErrorText(): (message: string | undefined) => string | undefined {
  const lang = useLang();
  const { t } = useTranslation();
  return (message) => {
    if (!message) return undefined;
    if (message === CHOOSE_OPTION) return t('form.chooseOne');
    return (isValidationMessageKey(message) ? validationMessages[message] : validationMessages.invalid_value)[lang];
  };
}

/** The first message anywhere under a (nested) error, e.g. for a whole table. */
export function firstMessage(errors: unknown): string | undefined {
  if (!errors || typeof errors !== 'object') return undefined;
  if ('message' in errors && typeof errors.message === 'string' && errors.message) return errors.message;
  for (const [key, value] of Object.entries(errors)) {
    if (key === 'ref' || key === 'type' || key === 'types') continue;
    const found = firstMessage(value);
    if (found) return found;
  }
  return undefined;
}
