import { useState } from 'react';
import type { TeamDto, UserDto } from '../../../shared/accounts/protocol';
import { useText, useTranslation } from '../../app/i18n';
import { useCurrentSession } from '../../app/sessionContext';
import { useOnline } from '../../app/useOnline';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { listTeams, listUsers } from './adminApi';
import { PlansPanel } from './PlansPanel';
import { TeamsPanel } from './TeamsPanel';
import { UsersPanel } from './UsersPanel';
import { useLoad } from './useLoad';
import './admin.css';

export { messagesReady as ready } from './registerMessages';

/**
 * Administration (admins only): teams, users and their devices, and the plans, over the admin API. Online only:
 * nothing of it is kept on the device, and offline the screen says so instead of showing stale data.
 */
export default function AdminScreen() {
  const { t } = useTranslation();
  const online = useOnline();
  const session = useCurrentSession();
  const loggedIn = session?.source === 'server' && Boolean(session.token) && !session.refused;
  return (
    <section aria-labelledby="admin-title" className="admin">
      <h1 id="admin-title">{t('admin.title')}</h1>
      <p className="lead">{t('admin.lead')}</p>
      {!online ? (
        <div className="notice notice-info" role="status" data-testid="admin-offline">
          {t('admin.offline')}
        </div>
      ) : !loggedIn ? (
        <Notice tone="info">{t('admin.needLogin')}</Notice>
      ) : session.role !== 'admin' ? (
        <Notice tone="info">{t('admin.notAdmin')}</Notice>
      ) : (
        <AdminBody />
      )}
    </section>
  );
}

type Tab = 'teams' | 'users' | 'plans';

async function loadTeamsAndUsers(): Promise<{ teams: TeamDto[]; users: UserDto[] }> {
  const [teams, users] = await Promise.all([listTeams(), listUsers()]);
  return { teams, users };
}

function AdminBody() {
  const { t } = useTranslation();
  const text = useText();
  const [tab, setTab] = useState<Tab>('teams');
  const { data, failure, reload } = useLoad(loadTeamsAndUsers);

  if (failure && !data)
    return (
      <div className="notice notice-error" role="alert">
        <p>{t('admin.loadFailed', { reason: text(failure) })}</p>
        <button type="button" onClick={() => void reload()}>
          {t('admin.retry')}
        </button>
      </div>
    );
  if (!data) return <Loading />;
  return (
    <>
      <div className="segmented admin-tabs" role="group" aria-label={t('admin.sections')}>
        {(['teams', 'users', 'plans'] as const).map((key) => (
          <button key={key} type="button" aria-pressed={tab === key} onClick={() => setTab(key)}>
            {t(`admin.${key}Tab`)}
          </button>
        ))}
      </div>
      {failure && <Notice tone="error">{t('admin.loadFailed', { reason: text(failure) })}</Notice>}
      {tab === 'teams' ? (
        <TeamsPanel teams={data.teams} users={data.users} onChanged={reload} />
      ) : tab === 'users' ? (
        <UsersPanel teams={data.teams} users={data.users} onChanged={reload} />
      ) : (
        <PlansPanel />
      )}
    </>
  );
}
