/**
 * What a PIN or passcode must be. Six characters at least: a 4-digit PIN (10 000 choices) falls to
 * an offline guesser in seconds and gives ten in-app tries a 1-in-1 000 chance; six digits make that
 * 1 in 100 000 in the app. Against someone who copies the device's disk, no PIN this short holds for
 * long (docs/client-sync.md says how long): a longer passcode does. Obvious choices are refused.
 */
export const MIN_SECRET_LENGTH = 6;
export const MAX_SECRET_LENGTH = 128;

export type SecretKind = 'pin' | 'passcode';

export type SecretProblem = 'too_short' | 'too_long' | 'digits_only' | 'too_simple' | 'mismatch';

function isSequence(s: string): boolean {
  if (s.length < 2) return false;
  const step = s.charCodeAt(1) - s.charCodeAt(0);
  if (Math.abs(step) !== 1) return false;
  for (let i = 2; i < s.length; i++) if (s.charCodeAt(i) - s.charCodeAt(i - 1) !== step) return false;
  return true;
}

function isRepeat(s: string): boolean {
  // the same one or two characters over and over: 111111, 121212, aaaaaa
  for (const unit of [1, 2]) {
    const head = s.slice(0, unit);
    if (s.length > unit && head.repeat(Math.ceil(s.length / unit)).slice(0, s.length) === s) return true;
  }
  return false;
}

/** The first problem with a new secret, or null. */
export function secretProblem(secret: string, repeat: string, kind: SecretKind): SecretProblem | null {
  if (secret.length < MIN_SECRET_LENGTH) return 'too_short';
  if (secret.length > MAX_SECRET_LENGTH) return 'too_long';
  if (kind === 'pin' && !/^\d+$/.test(secret)) return 'digits_only';
  if (isSequence(secret) || isRepeat(secret)) return 'too_simple';
  if (secret !== repeat) return 'mismatch';
  return null;
}
