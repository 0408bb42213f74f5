// Its texts come with its chunk (app/sessionTexts.ts).
import '../../app/sessionTexts';
import { useCallback, useId, useState } from 'react';
import { updateUserRequest, type DeviceDto, type TeamDto, type UserDto } from '../../../shared/accounts/protocol';
import type { LocalizedText } from '../../../shared/plan/catalogue-schema';
import { roles, type Role } from '../../../shared/sync/protocol';
import { useLang, useText, useTranslation } from '../../app/i18n';
import { failureText } from '../../net/failure';
import { Field, fieldAria } from '../../ui/Field';
import { OptionList } from '../../ui/ChoiceSelect';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { formatDateTime, timeAgo } from '../../ui/format';
import { listDevices, resetPassword, revokeDevice, updateUser } from './adminApi';
import { checkRequest, errorsOf, type FormErrors } from './formErrors';
import { GeneratedPassword, TeamChecks } from './parts';
import { useLoad } from './useLoad';

const CHANGE_FIELDS = ['role', 'teamIds', 'active'] as const;

/** One user, opened: their role and teams, password, account state and devices. */
export function UserDetail({ user, teams, onChanged }: { user: UserDto; teams: TeamDto[]; onChanged: () => Promise<void> }) {
  const { t } = useTranslation();
  const text = useText();
  const lang = useLang();
  const id = useId();
  const [role, setRole] = useState<Role>(user.role);
  const [teamIds, setTeamIds] = useState<string[]>(user.teams.map((x) => x.id));
  const [errors, setErrors] = useState<FormErrors>({});
  const [outcome, setOutcome] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const [password, setPassword] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [devicesKey, setDevicesKey] = useState(0);
  const error = (field: string) => (errors[field] ? text(errors[field]) : undefined);

  const change = async (request: { role?: Role; teamIds?: string[]; active?: boolean }) => {
    const checked = checkRequest(updateUserRequest, request, CHANGE_FIELDS);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    setOutcome(null);
    setBusy(true);
    try {
      const result = await updateUser(user.id, checked.value);
      setOutcome({ tone: 'ok', text: t('admin.users.changed', { count: result.sessionsRevoked }) });
      setDevicesKey((k) => k + 1);
      await onChanged();
    } catch (failure) {
      const found = errorsOf(failure, CHANGE_FIELDS);
      setErrors(found);
      if (found.form) setOutcome({ tone: 'error', text: text(found.form) });
    } finally {
      setBusy(false);
    }
  };

  const reset = async () => {
    setOutcome(null);
    setBusy(true);
    try {
      const result = await resetPassword(user.id);
      setPassword(result.generatedPassword);
      setDevicesKey((k) => k + 1);
    } catch (failure) {
      setOutcome({ tone: 'error', text: text(failureText(failure)) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="admin-detail" data-testid="user-detail">
      <h4 id={`${id}-change`}>{t('admin.users.change')}</h4>
      <p className="hint">{t('admin.users.changeHint')}</p>
      <Field id={`${id}-role`} label={t('admin.users.role')} error={error('role')}>
        <select value={role} onChange={(e) => setRole(e.target.value as Role)} {...fieldAria(`${id}-role`, error('role'))}>
          <OptionList options={roles.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
        </select>
      </Field>
      <TeamChecks id={`${id}-teams`} teams={teams} value={teamIds} onChange={setTeamIds} error={error('teamIds')} />
      <div className="buttons">
        <button type="button" className="primary" disabled={busy} onClick={() => void change({ role, teamIds })}>
          {t('admin.users.saveChange')}
        </button>
      </div>
      <div role="status">{outcome?.tone === 'ok' && <p className="notice notice-ok">{outcome.text}</p>}</div>
      {outcome?.tone === 'error' && <Notice tone="error">{outcome.text}</Notice>}

      <h4>{t('admin.users.password')}</h4>
      <p className="hint">{t('admin.users.resetHint')}</p>
      {password ? (
        <GeneratedPassword email={user.email} password={password} onHide={() => setPassword(null)} />
      ) : (
        <div className="buttons">
          <button type="button" disabled={busy} onClick={() => void reset()}>
            {t('admin.users.resetPassword')}
          </button>
        </div>
      )}

      <h4>{t('admin.users.account')}</h4>
      {user.deactivatedAt ? (
        <>
          <p>{t('admin.users.isDeactivated', { at: formatDateTime(user.deactivatedAt, lang) })}</p>
          <div className="buttons">
            <button type="button" disabled={busy} onClick={() => void change({ active: true })}>
              {t('admin.users.reactivate')}
            </button>
          </div>
        </>
      ) : (
        <>
          <p className="hint">{t('admin.users.deactivateHint')}</p>
          <div className="buttons">
            <button type="button" className="danger" disabled={busy} onClick={() => void change({ active: false })}>
              {t('admin.users.deactivate')}
            </button>
          </div>
        </>
      )}

      <DeviceList key={devicesKey} userId={user.id} />
    </div>
  );
}

function DeviceList({ userId }: { userId: string }) {
  const { t } = useTranslation();
  const text = useText();
  const { data: devices, failure, reload } = useLoad(useCallback(() => listDevices(userId), [userId]));
  return (
    <>
      <h4>{t('admin.devices.title')}</h4>
      {failure && <Notice tone="error">{t('admin.loadFailed', { reason: text(failure) })}</Notice>}
      {!devices ? (
        !failure && <Loading />
      ) : devices.length === 0 ? (
        <p>{t('admin.devices.none')}</p>
      ) : (
        <ul className="admin-list" data-testid="admin-devices">
          {devices.map((device) => (
            <DeviceItem key={device.id} device={device} onRevoked={reload} />
          ))}
        </ul>
      )}
    </>
  );
}

function DeviceItem({ device, onRevoked }: { device: DeviceDto; onRevoked: () => Promise<void> }) {
  const { t } = useTranslation();
  const text = useText();
  const lang = useLang();
  const [confirming, setConfirming] = useState(false);
  const [failure, setFailure] = useState<LocalizedText | null>(null);
  const name = device.name ?? t('admin.devices.unnamed', { key: device.deviceKey.slice(0, 8) });
  const when = (iso: string) => `${formatDateTime(iso, lang)} (${timeAgo(iso, lang)})`;
  const revoke = async () => {
    try {
      await revokeDevice(device.id);
      setConfirming(false);
      await onRevoked();
    } catch (error) {
      setFailure(failureText(error));
    }
  };
  return (
    <li className="admin-item" data-testid="admin-device" data-device-key={device.deviceKey}>
      <h3>{name}</h3>
      <dl className="device-facts">
        <dt>{t('admin.devices.lastSeen')}</dt>
        <dd data-testid="device-last-seen">{when(device.lastSeenAt)}</dd>
        <dt>{t('admin.devices.appVersion')}</dt>
        <dd data-testid="device-app-version">{device.appVersion ?? t('admin.devices.notReported')}</dd>
        <dt>{t('admin.devices.unsynced')}</dt>
        <dd data-testid="device-unsynced">
          {device.unsyncedCount === null
            ? t('admin.devices.notReported')
            : [
                t('admin.devices.unsyncedCount', { count: device.unsyncedCount }),
                device.oldestUnsyncedAt ? t('admin.devices.oldest', { at: when(device.oldestUnsyncedAt) }) : '',
                device.statusReportedAt ? t('admin.devices.reportedAt', { at: formatDateTime(device.statusReportedAt, lang) }) : '',
              ]
                .filter(Boolean)
                .join(', ')}
        </dd>
      </dl>
      {device.revokedAt ? (
        <p>
          <span className="badge badge-rejected">{t('admin.devices.revoked', { at: formatDateTime(device.revokedAt, lang) })}</span>
        </p>
      ) : confirming ? (
        <div className="notice notice-error">
          <p>{t('admin.devices.revokeHint')}</p>
          <div className="buttons">
            <button type="button" className="danger" onClick={() => void revoke()}>
              {t('admin.devices.revokeConfirm')}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </div>
      ) : (
        <div className="buttons">
          <button type="button" onClick={() => setConfirming(true)}>
            {t('admin.devices.revoke', { name })}
          </button>
        </div>
      )}
      {failure && <Notice tone="error">{text(failure)}</Notice>}
    </li>
  );
}
