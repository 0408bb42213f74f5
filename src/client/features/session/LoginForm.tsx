// Its texts come with its chunk (app/sessionTexts.ts).
import '../../app/sessionTexts';
import { useEffect, useState } from 'react';
import { useNavigate } from '../../app/router';
import type { LoginResponse } from '../../../shared/sync/protocol';
import { useText, useTranslation } from '../../app/i18n';
import { countLocalRecords, errorText, finishLogin } from '../../data';
import { Field, fieldAria } from '../../ui/Field';
import { Notice } from '../../ui/Notice';
import type { ApiFailure } from '../../net/failure';
import { loadSync } from '../sync';

interface Props {
  presetEmail?: string | null;
  /** the team chosen at the last login: kept if the user still belongs to it */
  previousTeamId?: string | null;
  /** the server said this device is revoked */
  onDeviceRevoked?: () => void;
}

/**
 * Log in to the server: email and password; the device id comes from the device database and
 * the device name from the browser. A user in several teams then picks the team new records get.
 */
export function LoginForm({ presetEmail, previousTeamId, onDeviceRevoked }: Props) {
  const { t } = useTranslation();
  const text = useText();
  const navigate = useNavigate();
  const [email, setEmail] = useState(presetEmail ?? '');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<{ email?: string; password?: string }>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [choosing, setChoosing] = useState<LoginResponse | null>(null);
  const [localCount, setLocalCount] = useState(0);

  useEffect(() => {
    void countLocalRecords().then(setLocalCount);
  }, []);

  function failureText(f: ApiFailure): string {
    if (f.kind === 'offline') return t('login.offline');
    if (f.kind === 'rate_limited') return t('login.tooMany', { minutes: Math.max(1, Math.ceil((f.retryAfter ?? 900) / 60)) });
    if (f.kind === 'unauthorized') return t('login.badCredentials');
    if (f.kind === 'invalid') return t('login.invalid');
    return f.text ? text(f.text) : t('sync.error.server');
  }

  async function finish(login: LoginResponse, teamId: string) {
    try {
      await finishLogin(login, teamId);
      void loadSync().then((m) => m.syncAfterLogin());
      void navigate('/');
    } catch (error) {
      setFailure(text(errorText(error)));
    }
  }

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const next = {
      email: /^\S+@\S+\.\S+$/.test(email.trim()) ? undefined : t('login.emailInvalid'),
      password: password ? undefined : t('login.passwordRequired'),
    };
    setErrors(next);
    if (next.email || next.password) return;
    setBusy(true);
    setFailure(null);
    try {
      // The login's network code and its answer's schema load with the first login, not with
      // this form: a fresh device shows it before Today (issue 10's first-load budget). Not
      // loadable means no server either (offline and not yet cached).
      const api = await import('./api').catch(() => null);
      if (!api) {
        setFailure(t('login.offline'));
        return;
      }
      const answer = await api.logIn(email, password);
      if (!answer.ok) {
        if (answer.failure.reason === 'device_revoked') onDeviceRevoked?.();
        setFailure(answer.failure.reason === 'device_revoked' ? t('access.why.device_revoked') : failureText(answer.failure));
        return;
      }
      setPassword('');
      const teams = answer.value.user.teams;
      const kept = teams.find((team) => team.id === previousTeamId);
      if (teams.length > 1 && !kept) setChoosing(answer.value);
      else await finish(answer.value, kept?.id ?? teams[0]?.id ?? '');
    } catch (error) {
      // an answer outside its schema (BadAnswerError): nothing was stored
      setFailure(text(errorText(error)));
    } finally {
      setBusy(false);
    }
  }

  if (choosing) return <TeamChoice login={choosing} onChosen={(teamId) => void finish(choosing, teamId)} />;

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="login-title">
      <h2 id="login-title">{t('login.title')}</h2>
      <Field id="login-email" label={t('login.email')} error={errors.email}>
        {/* not remembered by the browser's autofill: the email would sit in its files unencrypted */}
        <input type="email" autoComplete="off" inputMode="email" value={email} onChange={(e) => setEmail(e.target.value)} {...fieldAria('login-email', errors.email)} />
      </Field>
      <Field id="login-password" label={t('login.password')} error={errors.password}>
        <input type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} {...fieldAria('login-password', errors.password)} />
      </Field>
      {localCount > 0 && <Notice tone="info">{t('login.localRecords', { count: localCount })}</Notice>}
      {failure && <Notice tone="error">{failure}</Notice>}
      <button type="submit" className="primary" disabled={busy}>
        {busy ? t('login.busy') : t('login.submit')}
      </button>
    </form>
  );
}

function TeamChoice({ login, onChosen }: { login: LoginResponse; onChosen: (teamId: string) => void }) {
  const { t } = useTranslation();
  const [teamId, setTeamId] = useState(login.user.teams[0]?.id ?? '');
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        onChosen(teamId);
      }}
    >
      <fieldset>
        <legend>{t('login.chooseTeam')}</legend>
        {login.user.teams.map((team) => (
          <label key={team.id} className="radio">
            <input type="radio" name="team" value={team.id} checked={teamId === team.id} onChange={() => setTeamId(team.id)} />
            {team.name}
          </label>
        ))}
      </fieldset>
      <button type="submit" className="primary">
        {t('login.continue')}
      </button>
    </form>
  );
}
