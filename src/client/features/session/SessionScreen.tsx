import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { LocalizedText } from '../../../shared/plan/catalogue-schema';
import { roles, type Role } from '../../../shared/sync/protocol';
import { useText } from '../../app/i18n';
import { errorText, saveLocalIdentity } from '../../data';
import { useErrorText } from '../../ui/errors';
import { Field, fieldAria } from '../../ui/Field';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { useCurrentSession } from '../../app/sessionContext';

interface IdentityValues {
  displayName: string;
  teamName: string;
  role: Role;
}

/**
 * "Who am I" on this device, until accounts exist on the server. The sync engine replaces this
 * with a login form (POST /api/v1/auth/login) and stores the server session the same way
 * (data/session.ts: saveServerSession); records keep author, team and device ids either way.
 */
export default function SessionScreen() {
  const { t } = useTranslation();
  const session = useCurrentSession();
  if (session === undefined) return <Loading />;
  return (
    <section aria-labelledby="session-title">
      <h1 id="session-title">{t('session.title')}</h1>
      <p className="lead">{t('session.lead')}</p>
      <IdentityForm
        initial={session ? { displayName: session.displayName, teamName: session.teamName, role: session.role } : null}
        storedAt={session?.updatedAt ?? null}
      />
    </section>
  );
}

function IdentityForm({ initial, storedAt }: { initial: IdentityValues | null; storedAt: string | null }) {
  const { t } = useTranslation();
  const text = useText();
  const err = useErrorText();
  const navigate = useNavigate();
  const [failure, setFailure] = useState<LocalizedText | null>(null);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  // Move on once the app's live view of the session shows the saved identity, so the gate that
  // sends identity-less devices here does not bounce back on a stale answer.
  useEffect(() => {
    if (savedAt && storedAt === savedAt) void navigate('/');
  }, [savedAt, storedAt, navigate]);
  const { register, handleSubmit, formState } = useForm<IdentityValues>({
    defaultValues: initial ?? { displayName: '', teamName: '', role: 'field_worker' },
  });
  const errors = formState.errors;
  const rules = { required: 'required', maxLength: { value: 100, message: 'too_long' }, validate: (v: string) => v.trim().length > 0 || 'required' };

  const onSubmit = handleSubmit(async (values) => {
    try {
      const row = await saveLocalIdentity(values);
      setSavedAt(row.updatedAt);
    } catch (error) {
      setFailure(errorText(error));
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate>
      <Field id="who-name" label={t('session.displayName')} error={err(errors.displayName?.message)} hint={t('session.nameHint')}>
        <input type="text" autoComplete="name" {...register('displayName', rules)} {...fieldAria('who-name', err(errors.displayName?.message), true)} />
      </Field>
      <Field id="who-team" label={t('session.team')} error={err(errors.teamName?.message)} hint={t('session.teamHint')}>
        <input type="text" autoComplete="organization" {...register('teamName', rules)} {...fieldAria('who-team', err(errors.teamName?.message), true)} />
      </Field>
      <Field id="who-role" label={t('session.role')} error={err(errors.role?.message)}>
        <select {...register('role')} {...fieldAria('who-role', err(errors.role?.message))}>
          {roles.map((r) => (
            <option key={r} value={r}>
              {t(`role.${r}`)}
            </option>
          ))}
        </select>
      </Field>
      {failure && <Notice tone="error">{text(failure)}</Notice>}
      <button type="submit" className="primary">
        {t('session.save')}
      </button>
    </form>
  );
}
