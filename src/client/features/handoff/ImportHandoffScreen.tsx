// Its texts come with its chunk (app/screenTexts.ts).
import '../../app/screenTexts';
import { useState } from 'react';
import { Link } from '../../app/router';
import { useText, useTranslation } from '../../app/i18n';
import { useCurrentSession } from '../../app/sessionContext';
import { errorText } from '../../data';
import { Field, fieldAria } from '../../ui/Field';
import { Notice } from '../../ui/Notice';
import { failureKey } from '../sync';
import '../../ui/facts.css';
import { importHandoff, type ImportFailure, type ImportReport } from './importFile';
import { recordName } from '../../ui/recordName';

/** A supervisor's or admin's screen: bring a device's hand-off file to the server. */
export default function ImportHandoffScreen() {
  const { t } = useTranslation();
  const session = useCurrentSession();
  const allowed = session?.source === 'server' && (session.role === 'supervisor' || session.role === 'admin');
  return (
    <section aria-labelledby="import-title">
      <h1 id="import-title">{t('handoff.importTitle')}</h1>
      <p className="lead">{t('handoff.importLead')}</p>
      {allowed ? <ImportForm /> : <Notice tone="info">{t('handoff.importNotAllowed')}</Notice>}
      <p>
        <Link to="/sync">{t('handoff.back')}</Link>
      </p>
    </section>
  );
}

function ImportForm() {
  const { t } = useTranslation();
  const text = useText();
  const [file, setFile] = useState<File | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [errors, setErrors] = useState<{ file?: string; passphrase?: string }>({});
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  function failureText(error: ImportFailure): string {
    if (error.kind === 'file') return t(`handoff.fileError.${error.code}`);
    if (error.kind === 'login') return t('sync.loginToSync');
    const f = error.failure.failure;
    const why = `${t(`sync.error.${failureKey(f)}`)}${'text' in f && f.text ? ` ${text(f.text)}` : ''}`;
    return t('handoff.pushFailed', { pushed: error.pushed, why });
  }

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const next = { file: file ? undefined : t('handoff.chooseFile'), passphrase: passphrase ? undefined : t('handoff.enterPassphrase') };
    setErrors(next);
    if (!file || !passphrase) return;
    setBusy(true);
    setFailure(null);
    setReport(null);
    try {
      const outcome = await importHandoff(await file.text(), passphrase);
      if (outcome.ok) setReport(outcome.report);
      else setFailure(failureText(outcome.error));
    } catch (error) {
      setFailure(text(errorText(error)));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Field id="import-file" label={t('handoff.file')} error={errors.file}>
          <input type="file" accept=".json,application/json" onChange={(e) => setFile(e.target.files?.[0] ?? null)} {...fieldAria('import-file', errors.file)} />
        </Field>
        <Field id="import-pass" label={t('handoff.passphrase')} error={errors.passphrase}>
          <input type="password" autoComplete="off" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} {...fieldAria('import-pass', errors.passphrase)} />
        </Field>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('handoff.importing') : t('handoff.import')}
        </button>
      </form>
      {failure && <Notice tone="error">{failure}</Notice>}
      {report && <ImportResult report={report} />}
    </>
  );
}

function ImportResult({ report }: { report: ImportReport }) {
  const { t } = useTranslation();
  const text = useText();
  const { counts } = report;
  return (
    <section className="card" aria-labelledby="import-result" data-testid="import-result">
      <h2 id="import-result">{t('handoff.result', { total: report.total })}</h2>
      <dl className="facts sync-facts">
        <dt>{t('handoff.accepted')}</dt>
        <dd data-testid="import-accepted">{counts.accepted}</dd>
        <dt>{t('handoff.duplicate')}</dt>
        <dd data-testid="import-duplicate">{counts.duplicate}</dd>
        <dt>{t('handoff.conflict')}</dt>
        <dd data-testid="import-conflict">{counts.conflict}</dd>
        <dt>{t('handoff.rejected')}</dt>
        <dd data-testid="import-rejected">{counts.rejected}</dd>
      </dl>
      {report.problems.length > 0 && (
        <ul className="plain-list">
          {report.problems.map(({ record, result }, i) => (
            <li key={i}>
              {record ? `${recordName(record, t)} · ${record.measureId}` : t('handoff.unreadable')}:{' '}
              {result.status === 'conflict'
                ? t(`handoff.conflictReason.${result.reason}`)
                : result.issues.map((issue) => `${issue.field}: ${text(issue.message)}`).join('; ')}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
