import { useEffect, useRef, useState } from 'react';
import { useText, useTranslation } from '../../app/i18n';
import { errorText } from '../../data';
import type { VaultRow } from '../../data/rows';
import { unlockWithPin } from '../../data/vault/unlock';
import { readVault } from '../../data/vault/vaultStore';
import { Field, fieldAria } from '../../ui/Field';
import { Notice } from '../../ui/Notice';
import { ForgotCode } from './ForgotCode';
import { ERASED_NOTE } from './PinSetup';

/** From this many tries left, the screen warns that the next wrong codes erase the device. */
const WARN_FROM = 3;

/**
 * The locked app: only the code field. Works offline (the check is the key unwrapping on the
 * device). Every wrong code says how many tries are left; the last ones warn of the erase.
 */
export function UnlockScreen() {
  const { t } = useTranslation();
  const text = useText();
  const [vault, setVault] = useState<Pick<VaultRow, 'secretKind' | 'failures' | 'maxFailures'> | null>(null);
  const [secret, setSecret] = useState('');
  const [triesLeft, setTriesLeft] = useState<number | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void readVault().then((v) => {
      if (!v) return;
      setVault(v);
      if (v.failures > 0) setTriesLeft(v.maxFailures - v.failures);
    });
    input.current?.focus();
  }, []);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (!secret) return;
    setBusy(true);
    setFailure(null);
    try {
      const result = await unlockWithPin(secret);
      if (result.ok) return;
      if ('erased' in result) {
        try {
          sessionStorage.setItem(ERASED_NOTE, String(result.maxFailures));
        } catch {
          // the notice is lost, the erase is not
        }
        window.location.assign('/');
        return;
      }
      setTriesLeft(result.triesLeft);
      setSecret('');
      input.current?.focus();
    } catch (e) {
      setFailure(text(errorText(e)));
    } finally {
      setBusy(false);
    }
  }

  const pin = vault?.secretKind !== 'passcode';
  const error = triesLeft !== null ? t('lock.wrong', { count: triesLeft }) : undefined;
  return (
    <section aria-labelledby="unlock-title" data-testid="lock-screen">
      <h1 id="unlock-title">{t('lock.lockedTitle')}</h1>
      <p className="lead">{t('lock.lockedLead')}</p>
      <form className="card" onSubmit={(e) => void submit(e)} noValidate>
        <Field id="unlock-secret" label={t(pin ? 'lock.pin' : 'lock.passcode')} error={error}>
          <input
            ref={input}
            type="password"
            autoComplete="off"
            inputMode={pin ? 'numeric' : 'text'}
            spellCheck={false}
            value={secret}
            onChange={(e) => setSecret(e.target.value)}
            {...fieldAria('unlock-secret', error)}
          />
        </Field>
        {triesLeft !== null && triesLeft <= WARN_FROM && (
          <Notice tone="error">
            <strong>{t('lock.wrongWarning', { count: triesLeft })}</strong>
          </Notice>
        )}
        {failure && <Notice tone="error">{failure}</Notice>}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('lock.checking') : t('lock.unlock')}
        </button>
      </form>
      <ForgotCode />
    </section>
  );
}
