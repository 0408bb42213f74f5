import { describe, expect, it } from 'vitest';
import { validationMessages } from '../../../src/shared/messages/validation';
import otherPlan from '../../fixtures/other-territory-plan.json';
import { loginRequest } from '../../../src/shared';
import { createTeamRequest, createUserRequest } from '../../../src/shared/accounts/protocol';
import { loadCatalogue } from '../../../src/shared/plan';
import {
  contentHashOf,
  createRecord,
  plainText,
  textProblem,
  validateRecord,
  type FieldRecord,
  type RecordContent,
} from '../../../src/shared/records';
import { lockMonthRequest, unlockMonthRequest, verdictRequest } from '../../../src/shared/review/protocol';

const ctx = { catalogue: loadCatalogue(otherPlan), today: '2023-06-30' };
const author = { authorId: 'user-1', deviceId: 'device-1', teamId: 'team-1' };
const at = new Date('2023-06-01T10:00:00Z');

const contents: RecordContent[] = [
  {
    kind: 'serviceLog', measureId: '1.2', indicatorId: '1.2.i1', date: '2023-05-10', district: 'lvivskyi',
    serviceType: 'psychosocial_consultation',
    served: { cells: [{ sex: 'female', ageBand: '35-59', group: 'idp', count: 3 }], total: 3 },
  },
  {
    kind: 'event', measureId: '1.1', title: 'Тренінг щодо резолюції 1325', format: 'training', startDate: '2023-03-01',
    endDate: '2023-03-02', venue: { mode: 'in_person', place: 'Бібліотека', district: 'stryiskyi' },
    organiser: 'Департамент соціального захисту',
    attendance: { cells: [{ sex: 'female', group: 'educator', count: 12 }], total: 12 }, materials: { produced: 1, distributed: 30 },
  },
  {
    kind: 'indicatorReport', measureId: '1.3', indicatorId: '1.3.i1', periodStart: '2023-01-01', periodEnd: '2023-01-31',
    value: { type: 'deliverable', done: true, documentRef: 'Наказ № 12 від 20.01.2023' },
  },
];

/** Dotted paths of every string in a value, discriminators aside (they pick the schema, see below). */
function stringPaths(value: unknown, prefix: string[] = []): string[] {
  if (typeof value === 'string') return [prefix.join('.')];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => (['kind', 'mode', 'type'].includes(k) ? [] : stringPaths(v, [...prefix, k])));
}

function withText(record: FieldRecord, path: string, change: (s: string) => string): FieldRecord {
  const copy = structuredClone(record) as unknown as Record<string, unknown>;
  const keys = path.split('.');
  let node = copy as Record<string, unknown>;
  for (const k of keys.slice(0, -1)) node = node[k] as Record<string, unknown>;
  node[keys.at(-1)!] = change(node[keys.at(-1)!] as string);
  // Re-sealed, so the only thing wrong is the text itself.
  if (path !== 'contentHash') copy.contentHash = contentHashOf(copy as unknown as FieldRecord);
  return copy as unknown as FieldRecord;
}

/** Fields whose format (UUID, date, hash) or list of options already refuses anything else. */
const CLOSED = /(^id|At|date|Date|Start|End|contentHash|serviceType|format)$/;

describe('text hygiene', () => {
  it('names every C0 and C1 control and DEL, lets tab, newline and CR through only in multi-line text', () => {
    const controls = [...Array.from({ length: 0x20 }, (_, i) => i), ...Array.from({ length: 0x21 }, (_, i) => 0x7f + i)];
    for (const code of controls) {
      const text = `до${String.fromCharCode(code)}після`;
      expect(textProblem(text, 'one'), `U+${code.toString(16)}`).toBe('control_character');
      expect(textProblem(text, 'many'), `U+${code.toString(16)}`).toBe([0x09, 0x0a, 0x0d].includes(code) ? null : 'control_character');
    }
    for (const fine of ['Бібліотека на Подолі', 'Café №5 «Затишок»', '😀 emoji', 'a\u00a0b', '']) expect(textProblem(fine)).toBeNull();
  });

  it('refuses a lone surrogate but not a pair', () => {
    expect(textProblem('a\ud800b')).toBe('malformed_text');
    expect(textProblem('a\udc00')).toBe('malformed_text');
    expect(textProblem('\ud83d\ude00')).toBeNull();
  });

  it('gives the reason in both languages', () => {
    const result = plainText().safeParse('a\u0000b');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('control_character');
    expect(validationMessages.control_character.uk).toMatch(/керівний символ/);
    expect(validationMessages.control_character.en).toMatch(/control character/);
    expect(validationMessages.malformed_text.en).toMatch(/Unicode/);
  });

  it('refuses a NUL in every text field of every kind of record, naming the field', () => {
    for (const content of contents) {
      const record = createRecord(content, author, at);
      expect(validateRecord(record, ctx).ok).toBe(true);
      const paths = stringPaths(record);
      expect(paths.length).toBeGreaterThan(7);
      for (const path of paths) {
        const result = validateRecord(withText(record, path, (s) => `${s}\u0000`), ctx);
        const issue = result.ok ? undefined : result.issues.find((i) => i.field === path);
        expect(issue, `${content.kind}: ${path}`).toBeDefined();
        if (!CLOSED.test(path)) expect(issue!.code, `${content.kind}: ${path}`).toBe('control_character');
      }
    }
  });

  it('refuses other controls and broken Unicode in record text, naming the field', () => {
    const event = createRecord(contents[1]!, author, at);
    const cases: [string, string, string][] = [
      ['title', 'Тренінг\u0085', 'control_character'],
      ['organiser', 'Центр\u007f', 'control_character'],
      ['venue.place', 'Бібліотека\nна Подолі', 'control_character'],
      ['deviceId', 'tablet\t1', 'control_character'],
      ['title', 'Тренінг \ud800', 'malformed_text'],
    ];
    for (const [path, text, code] of cases) {
      const result = validateRecord(withText(event, path, () => text), ctx);
      expect(result.ok ? [] : result.issues.map((i) => [i.field, i.code])).toContainEqual([path, code]);
    }
  });

  it('guards every text of login, admin and review requests; multi-line fields keep their line breaks', () => {
    const failsAt = (schema: { safeParse: (v: unknown) => { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } } }, input: unknown) => {
      const result = schema.safeParse(input);
      return result.success ? [] : result.error!.issues.map((i) => `${i.path.join('.')}:${i.message}`);
    };
    const login = { email: 'a@b.ua', password: 'long enough pw', deviceId: 'tablet-1', deviceName: 'Планшет' };
    expect(failsAt(loginRequest, login)).toEqual([]);
    for (const field of ['password', 'deviceId', 'deviceName'])
      expect(failsAt(loginRequest, { ...login, [field]: 'x\u0000y-long-enough' })).toContain(`${field}:control_character`);
    expect(failsAt(createTeamRequest, { name: 'Бригада\u0000', kind: 'mobile_brigade' })).toContain('name:control_character');
    expect(
      failsAt(createUserRequest, { email: 'a@b.ua', displayName: 'Олена\u001b[31m', role: 'field_worker', teamIds: ['t\u0000'] }),
    ).toEqual(expect.arrayContaining(['displayName:control_character', 'teamIds.0:control_character']));
    expect(failsAt(lockMonthRequest, { teamId: 'team\u0000', month: '2023-05' })).toContain('teamId:control_character');
    const verdict = { recordId: '0190b6f4-7a2c-7cc1-8d5e-0123456789ab', revision: 1, status: 'returned' };
    expect(failsAt(verdictRequest, { ...verdict, comment: 'Рядок 1\nРядок 2\tі табуляція' })).toEqual([]);
    expect(failsAt(verdictRequest, { ...verdict, comment: 'Рядок\u0000' })).toContain('comment:control_character');
    expect(failsAt(unlockMonthRequest, { teamId: 't', month: '2023-05', reason: 'Помилка\r\nу звіті' })).toEqual([]);
    expect(failsAt(unlockMonthRequest, { teamId: 't', month: '2023-05', reason: 'Помилка\u0007' })).toContain('reason:control_character');
  });
});
