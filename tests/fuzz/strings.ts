import fc from 'fast-check';

/**
 * Strings an attacker or a broken device sends: control characters (NUL first: PostgreSQL text
 * cannot hold it), and injection strings for SQL, HTML, CSV formulas and templates. None may
 * bring a 5xx; control characters must be refused (400 naming the field, or the record
 * rejected); injection strings are only text, stored as typed or refused, never run.
 */

/** C0 controls other than tab, newline and carriage return, DEL, and a C1 control. */
export const CONTROL_CHARS = ['\u0000', '\u0001', '\u0007', '\u0008', '\u000b', '\u001b', '\u001f', '\u007f', '\u0085'];
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_RE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

export const INJECTIONS = [
  "'; DROP TABLE records; --",
  "' OR '1'='1",
  '1; SELECT pg_sleep(5)--',
  "Robert'); DELETE FROM record_revisions;--",
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '=HYPERLINK("http://example.invalid","x")',
  '=cmd|\' /C calc\'!A0',
  '+SUM(1+1)*cmd|',
  '@SUM(1+1)',
  '-2+3+cmd|',
  '${7*7}{{7*7}}',
  '../../../../etc/passwd',
  '\u202eRTL override',
  '\ud83d\ude00 емодзі',
  '𝒦𝓎𝒾𝓋',
];

export function hasControlChar(value: unknown): boolean {
  if (typeof value === 'string') return CONTROL_RE.test(value);
  if (Array.isArray(value)) return value.some(hasControlChar);
  if (value && typeof value === 'object') return Object.entries(value).some(([k, v]) => CONTROL_RE.test(k) || hasControlChar(v));
  return false;
}

export const controlString = (): fc.Arbitrary<string> =>
  fc.tuple(fc.string({ maxLength: 6 }), fc.constantFrom(...CONTROL_CHARS), fc.string({ maxLength: 6 })).map(([a, c, b]) => `${a}${c}${b}`);

export const injectionString = (): fc.Arbitrary<string> => fc.constantFrom(...INJECTIONS);

export const hostileString = (): fc.Arbitrary<string> => fc.oneof(controlString(), injectionString());
