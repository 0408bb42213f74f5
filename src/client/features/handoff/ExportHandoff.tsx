// Its texts come with its chunk (app/screenTexts.ts).
import '../../app/screenTexts';
import { useState } from 'react';
import { MIN_PASSPHRASE_LENGTH } from '../../../shared/sync/handoff';
import { useText, useTranslation } from '../../app/i18n';
import { errorText } from '../../data';
import { Field, fieldAria } from '../../ui/Field';
import { Notice } from '../../ui/Notice';
import { downloadFile, exportHandoff } from './exportFile';

type Errors = { passphrase?: string; repeat?: string };

/**
 * "Export unsynced records": the passphrase twice (at least 8 characters), then an encrypted
 * file downloads. The records stay on the device and still sync later (the server counts each once).
 */
export default function ExportHandoff({ onExported }: { onExported?: (count: number) => void }) {
  const { t } = useTranslation();
  const text = useText();
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<{ count: number; name: string } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const next: Errors = {};
    if (passphrase.length < MIN_PASSPHRASE_LENGTH) next.passphrase = t('handoff.tooShort', { n: MIN_PASSPHRASE_LENGTH });
    else if (repeat !== passphrase) next.repeat = t('handoff.mismatch');
    setErrors(next);
    if (next.passphrase || next.repeat) return;
    setBusy(true);
    setFailure(null);
    try {
      const file = await exportHandoff(passphrase);
      downloadFile(file);
      setDone({ count: file.count, name: file.name });
      setPassphrase('');
      setRepeat('');
      onExported?.(file.count);
    } catch (error) {
      setFailure(text(errorText(error)));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={t('handoff.exportTitle')}>
      <Field id="handoff-pass" label={t('handoff.passphrase')} error={errors.passphrase} hint={t('handoff.passphraseHint', { n: MIN_PASSPHRASE_LENGTH })}>
        <input type="password" autoComplete="new-password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} {...fieldAria('handoff-pass', errors.passphrase, true)} />
      </Field>
      <Field id="handoff-repeat" label={t('handoff.repeat')} error={errors.repeat}>
        <input type="password" autoComplete="new-password" value={repeat} onChange={(e) => setRepeat(e.target.value)} {...fieldAria('handoff-repeat', errors.repeat)} />
      </Field>
      {failure && <Notice tone="error">{failure}</Notice>}
      {done && (
        <Notice tone="ok">
          {t('handoff.exported', { count: done.count, name: done.name })}
        </Notice>
      )}
      <button type="submit" className="primary" disabled={busy}>
        {busy ? t('handoff.sealing') : t('handoff.export')}
      </button>
    </form>
  );
}
