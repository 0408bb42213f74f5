import { useTranslation } from '../../app/i18n';
import type { SecretKind } from '../../data/vault/secretRules';
import { MIN_SECRET_LENGTH } from '../../data/vault/secretRules';
import { Field, fieldAria } from '../../ui/Field';

interface Props {
  kind: SecretKind;
  onKind: (kind: SecretKind) => void;
  secret: string;
  repeat: string;
  onSecret: (value: string) => void;
  onRepeat: (value: string) => void;
  error: string | undefined;
}

/** Choosing a new PIN or passcode: which kind, the code, the code again. */
export function SecretFields({ kind, onKind, secret, repeat, onSecret, onRepeat, error }: Props) {
  const { t } = useTranslation();
  const pin = kind === 'pin';
  // A PIN opens the digit keyboard on a tablet; the browser must never offer to save or fill it.
  const input = { type: 'password', autoComplete: 'off', inputMode: pin ? ('numeric' as const) : ('text' as const), spellCheck: false } as const;
  return (
    <>
      <fieldset>
        <legend>{t('lock.kindLegend')}</legend>
        {(['pin', 'passcode'] as const).map((k) => (
          <label key={k} className="radio">
            <input type="radio" name="secret-kind" value={k} checked={kind === k} onChange={() => onKind(k)} />
            {t(k === 'pin' ? 'lock.kindPin' : 'lock.kindPasscode')}
          </label>
        ))}
      </fieldset>
      <Field id="lock-new" label={t(pin ? 'lock.newPin' : 'lock.newPasscode')} hint={t('lock.hint', { min: MIN_SECRET_LENGTH })} error={error}>
        <input {...input} value={secret} onChange={(e) => onSecret(e.target.value)} {...fieldAria('lock-new', error, true)} />
      </Field>
      <Field id="lock-repeat" label={t(pin ? 'lock.repeatPin' : 'lock.repeatPasscode')}>
        <input {...input} value={repeat} onChange={(e) => onRepeat(e.target.value)} {...fieldAria('lock-repeat', undefined)} />
      </Field>
    </>
  );
}
