// Its texts come with its chunk (app/screenTexts.ts).
import '../../app/screenTexts';
import type { ReactNode } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { districtValues } from '../../../shared/dimensions';
import { validationMessages } from '../../../shared/messages/validation';
import { useLang, useText, useTranslation } from '../../app/i18n';
import { useCatalogue } from '../../catalogue/catalogue';
import { OptionList, type Option } from '../ChoiceSelect';
import { Field, fieldAria } from '../Field';

interface Props {
  id: string;
  /** the select's accessible name (its <label>) */
  label: string;
  options: readonly Option[];
  registration: UseFormRegisterReturn;
  error?: string;
  hint?: ReactNode;
  /** an empty first choice ("— choose —"), for a value the person must pick */
  placeholder?: string;
}

/**
 * A labelled <select> of a form field, with its hint and error tied to it. Its height is the
 * app's touch target (44 px, styles.css), like every control.
 */
export function OptionSelect({ id, label, options, registration, error: given, hint, placeholder }: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  // Nothing chosen yet (the schema says "required" or, for an empty choice, contentResolver's
  // "choose"): say what to choose, in this field's own words ("Оберіть формат").
  const unchosen = given !== undefined && (given === t('form.chooseOne') || (placeholder !== undefined && given === validationMessages.required[lang]));
  const error = unchosen ? t('form.chooseField', { field: label.toLocaleLowerCase(lang) }) : given;
  return (
    <Field id={id} label={label} error={error} hint={hint}>
      <select {...registration} {...fieldAria(id, error, Boolean(hint))}>
        <OptionList options={options} placeholder={placeholder} />
      </select>
    </Field>
  );
}

/** The plan's districts, as options in the current language. */
export function useDistrictOptions(): Option[] {
  const catalogue = useCatalogue();
  const text = useText();
  return districtValues(catalogue).map((d) => ({ value: d.id, label: text(d.label) }));
}
