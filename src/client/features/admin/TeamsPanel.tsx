import { useId, useState } from 'react';
import { createTeamRequest, teamKinds, updateTeamRequest, type TeamDto, type TeamKind, type UserDto } from '../../../shared/accounts/protocol';
import { useText, useTranslation } from '../../app/i18n';
import { useCatalogue } from '../../catalogue/catalogue';
import { Field, fieldAria } from '../../ui/Field';
import { OptionList } from '../../ui/ChoiceSelect';
import { Notice } from '../../ui/Notice';
import { createTeam, updateTeam } from './adminApi';
import { checkRequest, errorsOf, type FormErrors } from './formErrors';

const TEAM_FIELDS = ['name', 'kind', 'district'] as const;

export function TeamsPanel({ teams, users, onChanged }: { teams: TeamDto[]; users: UserDto[]; onChanged: () => Promise<void> }) {
  const { t } = useTranslation();
  const [note, setNote] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const members = (teamId: string) => users.filter((u) => u.teams.some((x) => x.id === teamId)).length;
  return (
    <section aria-labelledby="teams-title">
      <h2 id="teams-title">{t('admin.teams.title')}</h2>
      <div role="status" className="live-note">
        {note && <p className="notice notice-ok">{note}</p>}
      </div>
      {teams.length === 0 ? (
        <p>{t('admin.teams.none')}</p>
      ) : (
        <ul className="admin-list" data-testid="admin-teams">
          {teams.map((team) => (
            <li key={team.id} className="admin-item">
              <h3>{team.name}</h3>
              <TeamMeta team={team} members={members(team.id)} />
              {editing === team.id ? (
                <TeamForm
                  team={team}
                  onCancel={() => setEditing(null)}
                  onDone={async (saved) => {
                    setEditing(null);
                    setNote(t('admin.teams.updated', { name: saved.name }));
                    await onChanged();
                  }}
                />
              ) : (
                <div className="buttons">
                  <button type="button" onClick={() => setEditing(team.id)}>
                    {t('admin.teams.edit', { name: team.name })}
                  </button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      <div className="card">
        <h2>{t('admin.teams.add')}</h2>
        <TeamForm
          onDone={async (saved) => {
            setNote(t('admin.teams.created', { name: saved.name }));
            await onChanged();
          }}
        />
      </div>
    </section>
  );
}

function TeamMeta({ team, members }: { team: TeamDto; members: number }) {
  const { t } = useTranslation();
  const text = useText();
  const catalogue = useCatalogue();
  const district = team.district ? catalogue.districts.find((d) => d.id === team.district) : undefined;
  return (
    <p className="admin-meta">
      <span>{t(`admin.teams.kindName.${team.kind}`)}</span>
      <span>{district ? text(district.name) : team.district ?? t('admin.teams.wholeCity')}</span>
      <span>{t('admin.teams.members', { count: members })}</span>
    </p>
  );
}

/** Creates a team, or (given `team`) renames it and changes its kind or district. */
function TeamForm({ team, onDone, onCancel }: { team?: TeamDto; onDone: (team: TeamDto) => Promise<void>; onCancel?: () => void }) {
  const { t } = useTranslation();
  const text = useText();
  const catalogue = useCatalogue();
  const id = useId();
  const [name, setName] = useState(team?.name ?? '');
  const [kind, setKind] = useState<string>(team?.kind ?? 'mobile_brigade');
  const [district, setDistrict] = useState(team?.district ?? '');
  const [errors, setErrors] = useState<FormErrors>({});
  const [busy, setBusy] = useState(false);
  const error = (field: string) => (errors[field] ? text(errors[field]) : undefined);

  const submit = async () => {
    const input = { name, kind, district: district || null };
    const checked = checkRequest(team ? updateTeamRequest : createTeamRequest, input, TEAM_FIELDS);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const request = { name: name.trim(), kind: kind as TeamKind, district: district || null };
      const saved = team ? await updateTeam(team.id, request) : await createTeam(request);
      if (!team) {
        setName('');
        setDistrict('');
      }
      await onDone(saved);
    } catch (failure) {
      setErrors(errorsOf(failure, TEAM_FIELDS));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      noValidate
      aria-label={team ? t('admin.teams.edit', { name: team.name }) : t('admin.teams.add')}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Field id={`${id}-name`} label={t('admin.teams.name')} hint={t('admin.teams.nameHint')} error={error('name')}>
        <input type="text" maxLength={200} value={name} onChange={(e) => setName(e.target.value)} {...fieldAria(`${id}-name`, error('name'), true)} />
      </Field>
      <div className="row">
        <Field id={`${id}-kind`} label={t('admin.teams.kind')} error={error('kind')}>
          <select value={kind} onChange={(e) => setKind(e.target.value)} {...fieldAria(`${id}-kind`, error('kind'))}>
            <OptionList options={teamKinds.map((k) => ({ value: k, label: t(`admin.teams.kindName.${k}`) }))} />
          </select>
        </Field>
        <Field id={`${id}-district`} label={t('admin.teams.district')} error={error('district')}>
          <select value={district} onChange={(e) => setDistrict(e.target.value)} {...fieldAria(`${id}-district`, error('district'))}>
            <OptionList options={catalogue.districts.map((d) => ({ value: d.id, label: text(d.name) }))} placeholder={t('admin.teams.wholeCity')} />
          </select>
        </Field>
      </div>
      {errors.form && <Notice tone="error">{text(errors.form)}</Notice>}
      <div className="buttons">
        <button type="submit" className="primary" disabled={busy}>
          {team ? t('admin.teams.save') : t('admin.teams.create')}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
