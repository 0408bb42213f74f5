import type { z } from 'zod';
import type { LocalizedText } from '../../shared/plan/catalogue-schema';
import { bilingual } from '../locales/bilingual';

/** Which answer of the server (its name in words is `answer.<kind>` in the locale files). */
export type AnswerKind = 'pull' | 'push' | 'login' | 'me';

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
    this.detail = bilingual('answer.detail', { answer: bilingual(`answer.${answer}`), where });
    this.text = bilingual('answer.bad', { detail: this.detail });
  }
}

/** The answer as its schema reads it, or BadAnswerError naming the fields at fault. */
export function checkedAnswer<S extends z.ZodType>(schema: S, value: unknown, answer: AnswerKind): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const fields = [...new Set(result.error.issues.map((issue) => issue.path.map(String).join('.') || '(the whole answer)'))];
  throw new BadAnswerError(answer, fields);
}
