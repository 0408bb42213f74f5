import type { ApiError, FieldIssue } from '../../shared';
import { serverMessages, type ServerMessageKey } from '../../shared/messages/server';
import type { PlanProblem } from '../../shared/plan/plan-errors';

/** An error that becomes an ApiError body with its status. Throw it from any handler. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ServerMessageKey,
    readonly extra: { reason?: string; issues?: FieldIssue[]; problems?: PlanProblem[]; headers?: Record<string, string> } = {},
  ) {
    super(serverMessages[code].en);
    this.name = 'HttpError';
  }

  toBody(): ApiError {
    return errorBody(this.code, this.extra);
  }
}

export function errorBody(code: ServerMessageKey, extra: { reason?: string; issues?: FieldIssue[]; problems?: PlanProblem[] } = {}): ApiError {
  return {
    error: {
      code,
      message: serverMessages[code],
      ...(extra.reason !== undefined ? { reason: extra.reason } : {}),
      ...(extra.issues !== undefined ? { issues: extra.issues } : {}),
      ...(extra.problems !== undefined ? { problems: extra.problems } : {}),
    },
  };
}
