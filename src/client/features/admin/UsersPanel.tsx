// Its texts come with its chunk (app/sessionTexts.ts).
import '../../app/sessionTexts';
import { useId, useState } from 'react';
import { createUserRequest, type TeamDto, type UserDto, type UserWithPasswordDto } from '../../../shared/accounts/protocol';
import { roles, type Role } from '../../../shared/sync/protocol';
import { useText, useTranslation } from '../../app/i18n';
import { Field, fieldAria } from '../../ui/Field';
import { OptionList } from '../../ui/ChoiceSelect';
import { Notice } from '../../ui/Notice';
import { createUser } from './adminApi';
import { checkRequest, errorsOf, type FormErrors } from './formErrors';
import { GeneratedPassword, TeamChecks } from './parts';
import { UserDetail } from './UserDetail';

const USER_FIELDS = ['email', 'displayName', 'role', 'teamIds'] as const;

export function UsersPanel({ teams, users, onChanged }: { teams: TeamDto[]; users: UserDto[]; onChanged: () => Promise<void> }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<string | null>(null);
  const [created, setCreated] = useState<UserWithPasswordDto | null>(null);
  return (
    <section aria-labelledby="users-title">
      <h2 id="users-title">{t('admin.users.title')}</h2>
      {users.length === 0 ? (
        <p>{t('admin.users.none')}</p>
      ) : (
        <ul className="admin-list" data-testid="admin-users">
          {users.map((user) => (
            <li key={user.id} className="admin-item" data-email={user.email}>
              <h3>{user.displayName}</h3>
              <p className="admin-meta">
                <span>{user.email}</span>
                <span>{t(`role.${user.role}`)}</span>
                <span>{user.teams.map((x) => x.name).join(', ') || t('admin.users.noTeam')}</span>
                {user.deactivatedAt && <span className="badge badge-rejected">{t('admin.users.deactivated')}</span>}
              </p>
              <div className="buttons">
                <button type="button" aria-expanded={open === user.id} onClick={() => setOpen(open === user.id ? null : user.id)}>
                  {open === user.id ? t('admin.users.close') : t('admin.users.manage', { name: user.displayName })}
                </button>
              </div>
              {open === user.id && <UserDetail user={user} teams={teams} onChanged={onChanged} />}
            </li>
          ))}
        </ul>
      )}
      <div className="card">
        <h2>{t('admin.users.add')}</h2>
        {created && (
          <>
            <Notice tone="ok">{t('admin.users.created', { email: created.user.email })}</Notice>
            {created.generatedPassword && (
              <GeneratedPassword email={created.user.email} password={created.generatedPassword} onHide={() => setCreated(null)} />
            )}
          </>
        )}
        <UserForm
          teams={teams}
          onDone={async (result) => {
            setCreated(result);
            await onChanged();
          }}
        />
      </div>
    </section>
  );
}

function UserForm({ teams, onDone }: { teams: TeamDto[]; onDone: (created: UserWithPasswordDto) => Promise<void> }) {
  const { t } = useTranslation();
  const text = useText();
  const id = useId();
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('field_worker');
  const [teamIds, setTeamIds] = useState<string[]>([]);
  const [errors, setErrors] = useState<FormErrors>({});
  const [busy, setBusy] = useState(false);
  const error = (field: string) => (errors[field] ? text(errors[field]) : undefined);

  const submit = async () => {
    const checked = checkRequest(createUserRequest, { email, displayName, role, teamIds }, USER_FIELDS);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const result = await createUser(checked.value);
      setEmail('');
      setDisplayName('');
      setTeamIds([]);
      await onDone(result);
    } catch (failure) {
      setErrors(errorsOf(failure, USER_FIELDS));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      noValidate
      aria-label={t('admin.users.add')}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <div className="row">
        <Field id={`${id}-email`} label={t('admin.users.email')} hint={t('admin.users.emailHint')} error={error('email')}>
          <input type="email" autoComplete="off" maxLength={200} value={email} onChange={(e) => setEmail(e.target.value)} {...fieldAria(`${id}-email`, error('email'), true)} />
        </Field>
        <Field id={`${id}-name`} label={t('admin.users.name')} error={error('displayName')}>
          <input type="text" autoComplete="off" maxLength={200} value={displayName} onChange={(e) => setDisplayName(e.target.value)} {...fieldAria(`${id}-name`, error('displayName'))} />
        </Field>
      </div>
      <Field id={`${id}-role`} label={t('admin.users.role')} error={error('role')}>
        <select value={role} onChange={(e) => setRole(e.target.value as Role)} {...fieldAria(`${id}-role`, error('role'))}>
          <OptionList options={roles.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
        </select>
      </Field>
      <TeamChecks id={`${id}-teams`} teams={teams} value={teamIds} onChange={setTeamIds} error={error('teamIds')} />
      {errors.form && <Notice tone="error">{text(errors.form)}</Notice>}
      <div className="buttons">
        <button type="submit" className="primary" disabled={busy}>
          {t('admin.users.create')}
        </button>
      </div>
    </form>
  );
}
