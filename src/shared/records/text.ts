import { z } from 'zod';

/**
 * Text hygiene for every string a person or a device sends. Control characters have no place in
 * a title, an id or a name: NUL makes PostgreSQL refuse the whole statement, the others hide
 * text, break logs and exports, or fool whoever reads it. Lone UTF-16 surrogates are not text
 * at all: they cannot be encoded as UTF-8 and would be stored changed (U+FFFD), so a record's
 * content hash would no longer match.
 */

/** No C0 control (U+0000–U+001F), DEL or C1 control (U+0080–U+009F). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const ONE_LINE = /^[^\u0000-\u001f\u007f-\u009f]*$/;
/** The same, but tab, line feed and carriage return pass: they are how multi-line text is written. */
// eslint-disable-next-line no-control-regex -- as above
const MANY_LINES = /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]*$/;
/** In unicode mode a well-formed pair is one code point, so this matches only a lone surrogate. */
const LONE_SURROGATE = /[\ud800-\udfff]/u;

export type TextLines = 'one' | 'many';
export type TextProblem = 'control_character' | 'malformed_text';

/** What is wrong with a text, or null. `many`: newline, carriage return and tab are allowed. */
export function textProblem(text: string, lines: TextLines = 'one'): TextProblem | null {
  if (!(lines === 'many' ? MANY_LINES : ONE_LINE).test(text)) return 'control_character';
  if (LONE_SURROGATE.test(text)) return 'malformed_text';
  return null;
}

/**
 * A string without control characters or broken Unicode: the base of every text field in the
 * schemas (records, login, admin, review, query parameters). Chain trim/min/max/email as usual.
 * The control rule is a regex so the OpenAPI document shows it as the field's `pattern`. Issues
 * carry validation message keys, so the reason reads the same in both languages everywhere.
 */
export function plainText(lines: TextLines = 'one') {
  return z
    .string({ error: 'required' })
    .regex(lines === 'many' ? MANY_LINES : ONE_LINE, { error: 'control_character' })
    .refine((s) => !LONE_SURROGATE.test(s), { error: 'malformed_text' });
}
