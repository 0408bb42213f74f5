import { useEffect, useId, useState } from 'react';
import type { LocalizedText } from '../../../shared/plan/catalogue-schema';
import { isRecordKind } from '../../../shared/records/schemas';
import type { MonthLock } from '../../../shared/review/protocol';
import { useLang, useText, useTranslation } from '../../app/i18n';
import { Notice } from '../../ui/Notice';
import { formatDateTime } from '../../ui/format';
import { failureText } from '../../net/failure';
import type { DataSource } from '../../net/dataSource';
import { listLocks, lockMonth, unlockMonth, type LockOutcome } from './reviewApi';
import { isMonth } from './reviewFilter';
import type { TeamChoice } from '../../net/teams';
import { ChoiceSelect } from '../../ui/ChoiceSelect';

type Outcome = { kind: 'lock'; value: LockOutcome; team: string; month: string } | { kind: 'error'; text: LocalizedText } | null;

/** Approving a team's month locks it; a locked month opens again only with a recorded reason. */
export function MonthPanel({ source, teams, onChanged }: { source: DataSource; teams: TeamChoice[]; onChanged: (note?: string) => void }) {
  const { t } = useTranslation();
  const text = useText();
  const [teamId, setTeamId] = useState('');
  const [month, setMonth] = useState('');
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [locksKey, setLocksKey] = useState(0);
  const [unlocked, setUnlocked] = useState<string | null>(null);
  const team = teamId || teams[0]?.id || '';
  const teamName = (id: string) => teams.find((x) => x.id === id)?.name ?? id;

  const lock = async () => {
    if (!team || !isMonth(month)) {
      setMissing(true);
      return;
    }
    setMissing(false);
    setUnlocked(null);
    setBusy(true);
    try {
      const value = await lockMonth({ teamId: team, month });
      setOutcome({ kind: 'lock', value, team, month });
      if (value.locked) {
        setLocksKey((k) => k + 1);
        onChanged();
      }
    } catch (error) {
      setOutcome({ kind: 'error', text: failureText(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="month-title" className="card month-panel">
      <h2 id="month-title">{t('review.monthTitle')}</h2>
      <p className="hint">{t('review.monthLead')}</p>
      {source.kind !== 'server' ? (
        <Notice tone="info">{t('review.offlineVerdict')}</Notice>
      ) : (
        <>
          <div className="row">
            <ChoiceSelect
              id="lock-team"
              label={t('review.lockTeam')}
              options={teams.map((x) => ({ value: x.id, label: x.name }))}
              value={team}
              onChange={setTeamId}
            />
            <div className={missing ? 'field invalid' : 'field'}>
              <label htmlFor="lock-month">{t('review.lockMonth')}</label>
              <input
                id="lock-month"
                type="month"
                value={month}
                aria-invalid={missing || undefined}
                aria-describedby={missing ? 'lock-month-error' : undefined}
                onChange={(e) => setMonth(e.target.value)}
              />
              {missing && (
                <p className="error" id="lock-month-error">
                  {t('review.monthRequired')}
                </p>
              )}
            </div>
          </div>
          <button type="button" className="primary" disabled={busy} onClick={() => void lock()}>
            {t('review.lock')}
          </button>
          <LockOutcomeView outcome={outcome} teamName={teamName} />
          {outcome?.kind === 'error' && <Notice tone="error">{text(outcome.text)}</Notice>}
          <div role="status">{unlocked && <p className="notice notice-ok">{t('review.unlocked', { month: unlocked })}</p>}</div>
          <LockList
            key={`${team}-${locksKey}`}
            teamId={team}
            teamName={teamName}
            onUnlocked={(m) => {
              setOutcome(null);
              setUnlocked(m);
              setLocksKey((k) => k + 1);
              onChanged();
            }}
          />
        </>
      )}
    </section>
  );
}

function LockOutcomeView({ outcome, teamName }: { outcome: Outcome; teamName: (id: string) => string }) {
  const { t } = useTranslation();
  if (outcome?.kind !== 'lock') return null;
  const { value } = outcome;
  if (value.locked) return <Notice tone="ok">{t('review.locked', { month: outcome.month, team: teamName(outcome.team) })}</Notice>;
  return (
    <div className="notice notice-error" role="alert">
      <p>{t('review.lockRefused', { count: value.openCount })}</p>
      <ul>
        {value.open.map((r) => (
          <li key={r.id}>
            {t('review.openRecord', {
              kind: isRecordKind(r.kind) ? t(`kind.${r.kind}`) : r.kind,
              measure: r.measureId,
              from: r.periodStart,
              to: r.periodEnd,
              status: t(`review.statusName.${r.status}`),
            })}
          </li>
        ))}
      </ul>
    </div>
  );
}

function LockList({ teamId, teamName, onUnlocked }: { teamId: string; teamName: (id: string) => string; onUnlocked: (month: string) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [locks, setLocks] = useState<MonthLock[] | null>(null);
  useEffect(() => {
    if (!teamId) return;
    let live = true;
    void listLocks(teamId)
      .then((l) => live && setLocks(l))
      .catch(() => live && setLocks([]));
    return () => {
      live = false;
    };
  }, [teamId]);
  if (!locks) return null;
  return (
    <>
      <h3>{t('review.locks')}</h3>
      {locks.length === 0 ? (
        <p className="hint">{t('review.noLocks')}</p>
      ) : (
        <ul className="plain-list">
          {locks.map((lock) => (
            <li key={lock.id}>
              <strong>
                {lock.month} · {teamName(lock.teamId)}
              </strong>{' '}
              · {t('review.lockedBy', { at: formatDateTime(lock.lockedAt, lang) })}
              {lock.unlockedAt ? (
                <> · {t('review.unlockedBy', { at: formatDateTime(lock.unlockedAt, lang), reason: lock.unlockReason ?? '' })}</>
              ) : (
                <>
                  {' '}
                  · <span className="badge review-approved">{t('review.active')}</span>
                  <UnlockForm lock={lock} onDone={() => onUnlocked(lock.month)} />
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function UnlockForm({ lock, onDone }: { lock: MonthLock; onDone: () => void }) {
  const { t } = useTranslation();
  const text = useText();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const [failure, setFailure] = useState<LocalizedText | null>(null);
  if (!open)
    return (
      <div>
        <button type="button" onClick={() => setOpen(true)}>
          {t('review.unlock')} {lock.month}
        </button>
      </div>
    );
  const submit = async () => {
    if (!reason.trim()) {
      setMissing(true);
      return;
    }
    try {
      await unlockMonth({ teamId: lock.teamId, month: lock.month, reason: reason.trim() });
      onDone();
    } catch (error) {
      setFailure(failureText(error));
    }
  };
  return (
    <div className="unlock-form">
      <div className={missing ? 'field invalid' : 'field'}>
        <label htmlFor={`${id}-reason`}>{t('review.unlockReason')}</label>
        <textarea
          id={`${id}-reason`}
          rows={2}
          maxLength={1000}
          value={reason}
          aria-invalid={missing || undefined}
          aria-describedby={`${id}-hint${missing ? ` ${id}-error` : ''}`}
          onChange={(e) => setReason(e.target.value)}
        />
        <div className="hint" id={`${id}-hint`}>
          {t('review.unlockReasonHint')}
        </div>
        {missing && (
          <p className="error" id={`${id}-error`}>
            {t('review.unlockRequired')}
          </p>
        )}
      </div>
      <div className="buttons">
        <button type="button" className="danger" onClick={() => void submit()}>
          {t('review.unlockConfirm')}
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </button>
      </div>
      {failure && <Notice tone="error">{text(failure)}</Notice>}
    </div>
  );
}
