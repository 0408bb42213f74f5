import type { z } from 'zod';
import type { LocalizedText } from '../../shared/plan/catalogue-schema';

/** Which answer of the server, in words. */
const ANSWERS = {
  pull: { uk: 'отримання змін', en: 'pull' },
  push: { uk: 'надсилання записів', en: 'push' },
  login: { uk: 'вхід', en: 'login' },
  me: { uk: 'дані користувача', en: 'user details' },
} satisfies Record<string, LocalizedText>;
export type AnswerKind = keyof typeof ANSWERS;

/**
 * The server answered what its documented schema (src/shared) does not allow. Thrown before
 * anything of that answer is written: what the device holds stays as it was.
 */
export class BadAnswerError extends Error {
  /** which answer and the fields at fault, e.g. "pull: records.3.teamId" */
  readonly detail: LocalizedText;
  readonly text: LocalizedText;

  constructor(
    readonly answer: AnswerKind,
    readonly fields: string[],
  ) {
    const where = fields.slice(0, 3).join(', ') + (fields.length > 3 ? ', …' : '');
    super(`Bad ${answer} answer: ${where}`);
    this.name = 'BadAnswerError';
    this.detail = { uk: `(${ANSWERS[answer].uk}: ${where})`, en: `(${ANSWERS[answer].en}: ${where})` };
    this.text = {
      uk: `Сервер надіслав відповідь, якої застосунок не розуміє ${this.detail.uk}; з неї нічого не збережено. Спробуйте пізніше або оновіть застосунок.`,
      en: `The server sent an answer the app does not understand ${this.detail.en}; nothing of it was stored. Try again later, or update the app.`,
    };
  }
}

/** The answer as its schema reads it, or BadAnswerError naming the fields at fault. */
export function checkedAnswer<S extends z.ZodType>(schema: S, value: unknown, answer: AnswerKind): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const fields = [...new Set(result.error.issues.map((issue) => issue.path.map(String).join('.') || '(the whole answer)'))];
  throw new BadAnswerError(answer, fields);
}
