// Its texts come with its chunk (app/sessionTexts.ts).
import '../../app/sessionTexts';
import { useEffect, useState } from 'react';
import { useNavigate } from '../../app/router';
import type { LocalizedText } from '../../../shared/plan/catalogue-schema';
import type { Role } from '../../../shared/sync/protocol';
import { useText, useTranslation } from '../../app/i18n';
import { errorText, saveLocalIdentity } from '../../data';
import { Field, fieldAria } from '../../ui/Field';
import { Notice } from '../../ui/Notice';
import { ChoiceSelect } from '../../ui/ChoiceSelect';

interface IdentityValues {
  displayName: string;
  teamName: string;
  role: Role;
}

// Every role, checked complete by the type; kept here so this first screen needs no schema library.
const ROLES = Object.keys({ field_worker: 1, trainer: 1, supervisor: 1, admin: 1 } satisfies Record<Role, 1>) as Role[];
const MAX_LENGTH = 100;

/**
 * "Who am I" without an account: lets a device that has never reached the server start
 * recording. Records made so get a `local:` author; the first login makes them the user's.
 */
export function LocalIdentityForm({ initial, storedAt }: { initial: IdentityValues | null; storedAt: string | null }) {
  const { t } = useTranslation();
  const text = useText();
  const navigate = useNavigate();
  const [values, setValues] = useState<IdentityValues>(initial ?? { displayName: '', teamName: '', role: 'field_worker' });
  const [errors, setErrors] = useState<{ displayName?: string; teamName?: string }>({});
  const [failure, setFailure] = useState<LocalizedText | null>(null);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  // Move on once the app's live view of the session shows the saved identity, so the gate that
  // sends identity-less devices here does not bounce back on a stale answer.
  useEffect(() => {
    if (savedAt && storedAt === savedAt) void navigate('/');
  }, [savedAt, storedAt, navigate]);

  const check = (v: string) => (v.trim().length === 0 ? t('session.required') : v.length > MAX_LENGTH ? t('session.tooLong', { n: MAX_LENGTH }) : undefined);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const next = { displayName: check(values.displayName), teamName: check(values.teamName) };
    setErrors(next);
    if (next.displayName || next.teamName) return;
    try {
      const row = await saveLocalIdentity(values);
      setSavedAt(row.updatedAt);
    } catch (error) {
      setFailure(errorText(error));
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Field id="who-name" label={t('session.displayName')} error={errors.displayName} hint={t('session.nameHint')}>
        <input
          type="text"
          autoComplete="off"
          value={values.displayName}
          onChange={(e) => setValues({ ...values, displayName: e.target.value })}
          {...fieldAria('who-name', errors.displayName, true)}
        />
      </Field>
      <Field id="who-team" label={t('session.team')} error={errors.teamName} hint={t('session.teamHint')}>
        <input
          type="text"
          autoComplete="off"
          value={values.teamName}
          onChange={(e) => setValues({ ...values, teamName: e.target.value })}
          {...fieldAria('who-team', errors.teamName, true)}
        />
      </Field>
      <ChoiceSelect
        id="who-role"
        label={t('session.role')}
        options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
        value={values.role}
        onChange={(role) => setValues({ ...values, role: ROLES.find((r) => r === role) ?? values.role })}
      />
      {failure && <Notice tone="error">{text(failure)}</Notice>}
      <button type="submit" className="primary">
        {t('session.save')}
      </button>
    </form>
  );
}
