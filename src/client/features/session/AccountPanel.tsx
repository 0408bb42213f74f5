// Its texts come with its chunk (app/sessionTexts.ts).
import '../../app/sessionTexts';
import { useLang, useTranslation } from '../../app/i18n';
import { chooseTeam, type SessionRow } from '../../data';
import { formatDateTime } from '../../ui/format';
import { Notice } from '../../ui/Notice';
import { syncErrorKey } from '../sync';
import { LoginForm } from './LoginForm';
import { LogoutPanel } from './LogoutPanel';
import '../../ui/facts.css';
import { ChoiceSelect } from '../../ui/ChoiceSelect';

/** The logged-in account: who, which team new records get, until when, and logout (which erases the device). */
export function AccountPanel({ session }: { session: SessionRow }) {
  const { t } = useTranslation();
  const lang = useLang();
  const teams = session.teams ?? [];

  return (
    <>
      {session.refused && (
        <div className="card">
          <Notice tone="error">{t(`sync.error.${syncErrorKey(session.refused)}`)}</Notice>
          <p>{t('login.again')}</p>
          <LoginForm presetEmail={session.email} previousTeamId={session.teamId} />
        </div>
      )}
      <section className="card" aria-labelledby="account-title">
        <h2 id="account-title">{t('account.title')}</h2>
        <dl className="facts sync-facts">
          <dt>{t('account.name')}</dt>
          <dd data-testid="account-name">{session.displayName}</dd>
          <dt>{t('account.email')}</dt>
          <dd>{session.email}</dd>
          <dt>{t('session.role')}</dt>
          <dd>{t(`role.${session.role}`)}</dd>
          {session.expiresAt && (
            <>
              <dt>{t('account.validUntil')}</dt>
              <dd>{formatDateTime(session.expiresAt, lang)}</dd>
            </>
          )}
        </dl>
        {teams.length > 1 ? (
          <ChoiceSelect
            id="account-team"
            label={t('account.team')}
            options={teams.map((team) => ({ value: team.id, label: team.name }))}
            value={session.teamId}
            onChange={(teamId) => void chooseTeam(teamId)}
            hint={t('account.teamHint')}
          />
        ) : teams.length === 1 ? (
          <p>
            {t('account.team')}: <strong>{session.teamName}</strong>
          </p>
        ) : (
          <Notice tone="error">{t('account.noTeam')}</Notice>
        )}
      </section>
      <LogoutPanel session={session} />
    </>
  );
}
