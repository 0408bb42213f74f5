import { useTranslation } from '../../app/i18n';
import { useLockState } from '../../data/vault/lockState';
import { Loading } from '../../ui/Loading';
import { PinSetup } from './PinSetup';
import { UnlockScreen } from './UnlockScreen';

/**
 * What the app shows instead of its screens while the data key is not in memory: the first-use
 * PIN setup, the lock screen, or the progress of encrypting an older release's rows.
 */
export default function LockGate() {
  const { t } = useTranslation();
  const lock = useLockState();
  if (lock.status === 'checking') return <Loading />;
  if (lock.status === 'setup') return <PinSetup />;
  if (lock.status === 'locked') return <UnlockScreen />;
  if (!lock.encrypting) return null;
  const { done, total } = lock.encrypting;
  return (
    <section aria-labelledby="encrypting-title">
      <h1 id="encrypting-title">{t('lock.setupTitle')}</h1>
      <p role="status">{total > 0 ? t('lock.encryptingCount', { done, total }) : t('lock.encrypting')}</p>
      {total > 0 && <progress max={total} value={done} aria-labelledby="encrypting-title" />}
    </section>
  );
}
