import type { TeamDto } from '../../../shared/accounts/protocol';
import { useTranslation } from '../../app/i18n';

/** The teams a user belongs to, one checkbox each, in a fieldset named "Teams". */
export function TeamChecks({ id, teams, value, onChange, error }: { id: string; teams: TeamDto[]; value: string[]; onChange: (ids: string[]) => void; error?: string | undefined }) {
  const { t } = useTranslation();
  return (
    <fieldset aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`} className={error ? 'invalid' : undefined}>
      <legend>{t('admin.users.teams')}</legend>
      <p className="hint" id={`${id}-hint`}>
        {teams.length === 0 ? t('admin.users.noTeams') : t('admin.users.teamsHint')}
      </p>
      {teams.map((team) => (
        <label key={team.id} className="checkbox">
          <input
            type="checkbox"
            checked={value.includes(team.id)}
            onChange={(e) => onChange(e.target.checked ? [...value, team.id] : value.filter((x) => x !== team.id))}
          />
          {team.name}
        </label>
      ))}
      {error && (
        <p className="error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </fieldset>
  );
}

/** A generated password, shown once: the server keeps only its hash. */
export function GeneratedPassword({ email, password, onHide }: { email: string; password: string; onHide: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="notice notice-info" role="status">
      <p>{t('admin.users.generated', { email })}</p>
      <p className="generated-password" data-testid="generated-password">
        {password}
      </p>
      <p className="hint">{t('admin.users.generatedGone')}</p>
      <button type="button" onClick={onHide}>
        {t('admin.users.hidePassword')}
      </button>
    </div>
  );
}
