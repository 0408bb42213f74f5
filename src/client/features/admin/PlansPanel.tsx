import { useId, useState } from 'react';
import type { LocalizedText } from '../../../shared/plan/catalogue-schema';
import { XLSX_TYPE, type PlanListing } from '../../../shared/plan/plan-protocol';
import { useLang, useText, useTranslation } from '../../app/i18n';
import { ApiFailure, failureText } from '../../net/failure';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { formatDateTime } from '../../ui/format';
import { saveFile } from '../../ui/saveFile';
import { activatePlan, listPlans, planTemplate, uploadPlan } from './adminApi';
import { useLoad } from './useLoad';

interface Problem {
  code: string;
  message: LocalizedText;
  sheet?: string;
  row?: number;
  column?: string;
  path?: string;
}

type Outcome = { kind: 'note'; text: string } | { kind: 'problems'; problems: Problem[] } | { kind: 'error'; text: LocalizedText };

/**
 * A plan file: the XLSX template goes as it is (the server reads and checks it); a JSON file is
 * parsed here, so one that is not JSON is said so before any upload.
 */
async function readPlanFile(file: File): Promise<{ json: unknown } | { xlsx: Blob } | { unreadable: string }> {
  if (/\.xlsx$/i.test(file.name) || file.type === XLSX_TYPE) return { xlsx: file };
  try {
    return { json: JSON.parse(await file.text()) as unknown };
  } catch (error) {
    return { unreadable: (error as Error).message };
  }
}

/** Plans (admins): the plans on the server, which one is active, and uploading a plan or a revision. */
export function PlansPanel() {
  const { t } = useTranslation();
  const text = useText();
  const { data: plans, failure, reload } = useLoad(listPlans);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  async function activate(plan: PlanListing) {
    try {
      await activatePlan(plan.id);
      setOutcome({ kind: 'note', text: t('admin.plans.activated', { title: text(plan.title) }) });
      void reload();
    } catch (error) {
      setOutcome({ kind: 'error', text: failureText(error) });
    }
  }

  async function template(plan: PlanListing) {
    try {
      const file = await planTemplate(plan.id);
      saveFile(file.blob, file.name);
    } catch (error) {
      setOutcome({ kind: 'error', text: { uk: t('admin.plans.templateFailed', { reason: failureText(error).uk }), en: t('admin.plans.templateFailed', { reason: failureText(error).en }) } });
    }
  }

  return (
    <section aria-labelledby="plans-title">
      <h2 id="plans-title">{t('admin.plans.title')}</h2>
      <p className="hint">{t('admin.plans.lead')}</p>
      <div role="status" className="live-note">
        {outcome?.kind === 'note' && <p className="notice notice-ok">{outcome.text}</p>}
      </div>
      {outcome?.kind === 'error' && <Notice tone="error">{text(outcome.text)}</Notice>}
      {failure && <Notice tone="error">{text(failure)}</Notice>}
      {!plans ? <Loading /> : <PlanList plans={plans} onActivate={(p) => void activate(p)} onTemplate={(p) => void template(p)} />}
      <UploadForm
        onOutcome={async (o) => {
          setOutcome(o);
          if (o.kind === 'note') void reload();
        }}
      />
    </section>
  );
}

function PlanList({ plans, onActivate, onTemplate }: { plans: PlanListing[]; onActivate: (plan: PlanListing) => void; onTemplate: (plan: PlanListing) => void }) {
  const { t } = useTranslation();
  const text = useText();
  const lang = useLang();
  return (
    <ul className="admin-list" data-testid="admin-plans">
      {plans.map((plan) => (
        <li key={plan.id} className="admin-item">
          <h3>{text(plan.title)}</h3>
          <p className="admin-meta">
            <span>{t('admin.plans.meta', { id: plan.id, version: plan.version, years: plan.years.join(', ') })}</span>
            <span>
              {plan.uploadedAt ? t('admin.plans.revisions', { count: plan.revisions, at: formatDateTime(plan.uploadedAt, lang) }) : t('admin.plans.builtIn')}
            </span>
          </p>
          {plan.active && <p className="badge badge-sent">{t('admin.plans.active')}</p>}
          <div className="buttons">
            {!plan.active && (
              <button type="button" onClick={() => onActivate(plan)}>
                {t('admin.plans.makeActive', { title: text(plan.title) })}
              </button>
            )}
            <button type="button" onClick={() => onTemplate(plan)}>
              {t('admin.plans.template', { title: text(plan.title) })}
            </button>
          </div>
        </li>
      ))}
    </ul>
  );
}

function UploadForm({ onOutcome }: { onOutcome: (o: Outcome) => Promise<void> }) {
  const { t } = useTranslation();
  const text = useText();
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<Problem[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  async function send() {
    setProblems(null);
    setFailure(null);
    if (!file) return setFailure(t('admin.plans.noFile'));
    setBusy(true);
    try {
      const read = await readPlanFile(file);
      if ('unreadable' in read) return setFailure(t('admin.plans.notJson', { reason: read.unreadable }));
      const result = await uploadPlan(read);
      const words = { title: text(result.plan.title), version: result.plan.version };
      await onOutcome({ kind: 'note', text: t(result.stored ? 'admin.plans.stored' : 'admin.plans.same', words) });
    } catch (error) {
      const listed = error instanceof ApiFailure ? (error.details.problems as Problem[] | undefined) : undefined;
      if (listed?.length) setProblems(listed);
      else setFailure(text(failureText(error)));
    } finally {
      setBusy(false);
    }
  }

  const where = (p: Problem) =>
    p.sheet && p.row && p.column
      ? t('admin.plans.where', { sheet: p.sheet, row: p.row, column: p.column })
      : p.sheet && p.row
        ? t('admin.plans.whereRow', { sheet: p.sheet, row: p.row })
        : p.sheet
          ? t('admin.plans.whereSheet', { sheet: p.sheet })
          : (p.path ?? '');
  return (
    <form
      className="card"
      aria-labelledby={`${id}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <h2 id={`${id}-title`}>{t('admin.plans.upload')}</h2>
      <p className="hint">{t('admin.plans.uploadHint')}</p>
      <label htmlFor={`${id}-file`}>{t('admin.plans.file')}</label>
      <input
        id={`${id}-file`}
        type="file"
        accept={`.xlsx,.json,application/json,${XLSX_TYPE}`}
        onChange={(e) => setFile(e.target.files?.[0] ?? null)}
      />
      <div className="buttons">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('admin.plans.sending') : t('admin.plans.send')}
        </button>
      </div>
      {failure && <Notice tone="error">{failure}</Notice>}
      {problems && (
        <div className="notice notice-error" role="alert" data-testid="plan-problems">
          <p>{t('admin.plans.refused')}</p>
          <ul>
            {problems.map((p, i) => (
              <li key={i}>
                {where(p) && <strong>{where(p)}: </strong>}
                {text(p.message)} <code>{p.code}</code>
              </li>
            ))}
          </ul>
        </div>
      )}
    </form>
  );
}
