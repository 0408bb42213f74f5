import { useEffect, useState } from 'react';
import { useText, useTranslation } from '../../app/i18n';
import { errorText } from '../../data';
import { MAX_SECRET_LENGTH, MIN_SECRET_LENGTH, secretProblem, type SecretKind } from '../../data/vault/secretRules';
import { hasStoredData, setUpPin } from '../../data/vault/unlock';
import { DEFAULT_MAX_FAILURES } from '../../data/vault/vaultStore';
import { Notice } from '../../ui/Notice';
import { SecretFields } from './SecretFields';
import { getLockAfterMs } from './settings';

/** Set when the device was erased after too many wrong codes: said once on the next screen. */
export const ERASED_NOTE = 'kyiv1325.erasedAfter';

function erasedNote(): number | null {
  try {
    const value = sessionStorage.getItem(ERASED_NOTE);
    return value ? Number(value) : null;
  } catch {
    return null;
  }
}

/** Said until the new PIN is set (the erasing tab reloads, the note must survive that). */
function forgetErasedNote(): void {
  try {
    sessionStorage.removeItem(ERASED_NOTE);
  } catch {
    // nothing stored
  }
}

/**
 * First use (and the first start after the update that brought encryption): choose the PIN or
 * passcode that opens the data key, knowing what it protects, when the app locks, what too many
 * wrong tries do and what a forgotten code costs.
 */
export function PinSetup() {
  const { t } = useTranslation();
  const text = useText();
  const [kind, setKind] = useState<SecretKind>('pin');
  const [secret, setSecret] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [legacy, setLegacy] = useState(false);
  const [erasedAfter] = useState(erasedNote);
  const [elsewhere, setElsewhere] = useState(false);

  useEffect(() => {
    void hasStoredData().then(setLegacy, () => undefined);
  }, []);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const problem = secretProblem(secret, repeat, kind);
    setError(problem ? t(`lock.problem.${problem}`, { min: MIN_SECRET_LENGTH, max: MAX_SECRET_LENGTH }) : undefined);
    if (problem) return;
    setBusy(true);
    setFailure(null);
    try {
      if ((await setUpPin(secret, kind)) === 'set-elsewhere') setElsewhere(true);
      forgetErasedNote();
    } catch (e) {
      setFailure(text(errorText(e)));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="pin-setup-title" data-testid="pin-setup">
      <h1 id="pin-setup-title">{t('lock.setupTitle')}</h1>
      {erasedAfter !== null && <Notice tone="error">{t('lock.erased', { max: erasedAfter })}</Notice>}
      {elsewhere && <Notice tone="info">{t('lock.setElsewhere')}</Notice>}
      <p className="lead">{t('lock.setupLead')}</p>
      {legacy && <Notice tone="info">{t('lock.setupUpdate')}</Notice>}
      <ul>
        <li>{t('lock.pointIdle', { minutes: Math.round(getLockAfterMs() / 60_000) || 1 })}</li>
        <li>{t('lock.pointErase', { max: DEFAULT_MAX_FAILURES })}</li>
        <li>{t('lock.pointForgot')}</li>
        <li>{t('lock.pointStrength')}</li>
      </ul>
      <form className="card" onSubmit={(e) => void submit(e)} noValidate>
        <SecretFields kind={kind} onKind={setKind} secret={secret} repeat={repeat} onSecret={setSecret} onRepeat={setRepeat} error={error} />
        {failure && <Notice tone="error">{failure}</Notice>}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('lock.saving') : t('lock.save')}
        </button>
      </form>
    </section>
  );
}
