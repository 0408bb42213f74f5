import { useEffect, useState } from 'react';
import { useText, useTranslation } from '../../app/i18n';
import { errorText } from '../../data';
import { MAX_FAILURE_CHOICES, readVault, setMaxFailures } from '../../data/vault/vaultStore';
import { Notice } from '../../ui/Notice';
import { recheckIdle } from './idle';
import { getLockAfterMs, LOCK_AFTER_CHOICES_MIN, setLockAfterMs } from './settings';
import { ChoiceSelect } from '../../ui/ChoiceSelect';

/** The device's lock settings, on "Who am I": how soon it locks, how many wrong codes erase it. */
export function LockSettings() {
  const { t } = useTranslation();
  const text = useText();
  const [minutes, setMinutes] = useState(() => Math.max(1, Math.round(getLockAfterMs() / 60_000)));
  const [maxFailures, setMax] = useState<number | null>(null);
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);

  useEffect(() => {
    void readVault().then((v) => v && setMax(v.maxFailures));
  }, []);

  function chooseMinutes(value: number) {
    setMinutes(value);
    setLockAfterMs(value * 60_000);
    recheckIdle();
    setNote({ ok: true, text: t('lock.saved') });
  }

  async function chooseMax(value: number) {
    try {
      await setMaxFailures(value);
      setMax(value);
      setNote({ ok: true, text: t('lock.saved') });
    } catch (error) {
      setNote({ ok: false, text: text(errorText(error)) });
    }
  }

  // The current value stays choosable even when it is not one of the usual choices.
  const minuteChoices = [...new Set<number>([...LOCK_AFTER_CHOICES_MIN, minutes])].sort((a, b) => a - b);
  const maxChoices = [...new Set<number>(maxFailures === null ? MAX_FAILURE_CHOICES : [...MAX_FAILURE_CHOICES, maxFailures])];
  return (
    <section className="card" aria-labelledby="lock-settings-title">
      <h2 id="lock-settings-title">{t('lock.settingsTitle')}</h2>
      <ChoiceSelect
        id="lock-after"
        label={t('lock.lockAfter')}
        hint={t('lock.settingsHint')}
        options={minuteChoices.map((m) => ({ value: String(m), label: t('lock.minutes', { count: m }) }))}
        value={String(minutes)}
        onChange={(m) => chooseMinutes(Number(m))}
      />
      {maxFailures !== null && (
        <ChoiceSelect
          id="lock-max"
          label={t('lock.maxFailures')}
          options={maxChoices.map((n) => ({ value: String(n), label: String(n) }))}
          value={String(maxFailures)}
          onChange={(n) => void chooseMax(Number(n))}
        />
      )}
      {note && <Notice tone={note.ok ? 'ok' : 'error'}>{note.text}</Notice>}
    </section>
  );
}
