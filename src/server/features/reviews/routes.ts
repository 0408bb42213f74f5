import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { API_PREFIX, idRef, reviewVerdict } from '../../../shared';
import { lockMonthRequest, monthLock, monthLockList, reviewList, reviewListQuery, unlockMonthRequest, verdictRequest } from '../../../shared/review/protocol';
import type { ServerContext } from '../../context';
import { errorBody } from '../../http/errors';
import { parseInput } from '../../http/parse';
import type { RouteDoc } from '../../http/route-doc';
import { authenticate } from '../auth';
import { completenessFileName, completenessQuery, completenessReport, completenessTable, completenessXlsx } from '../../../shared/review/completeness';
import { XLSX_MIME } from '../../../shared/reports/xlsx';
import { toCsv } from '../../../shared/reports/csv';
import { completeness } from './completeness';
import { listForReview } from './list';
import { listLocks, lockMonth, unlockMonth } from './month-locks';
import { recordVerdict } from './verdicts';

const errors = { 400: 'invalid input (error.issues names the fields)', 401: 'no valid session', 403: 'not a supervisor of the team, nor an admin' };
const monthsQuery = z.strictObject({ team: idRef.optional() });

function doc(summary: string, extra: Partial<RouteDoc> = {}): { config: { doc: RouteDoc } } {
  return { config: { doc: { summary, tag: 'review', auth: true, errors, ...extra } } };
}

/** Supervisors (of the record's team) and admins review records and lock months. */
export function reviewRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const base = `${API_PREFIX}/review`;

  app.get(
    `${base}/records`,
    doc("The reviewer's teams' records with their review status, newest first, a page at a time", {
      query: reviewListQuery,
      response: reviewList,
    }),
    async (request) => listForReview(ctx, await authenticate(ctx, request), parseInput(reviewListQuery, request.query)),
  );

  app.post(
    `${base}/verdicts`,
    doc('Approve, return (with a comment) or reject the latest revision of a record; the author gets it on the next pull', {
      body: verdictRequest,
      response: reviewVerdict,
      errors: {
        ...errors,
        404: 'no such record',
        409: 'not the latest revision (reason not_latest_revision), or the month is locked (reason locked_period)',
      },
    }),
    async (request) => {
      const auth = await authenticate(ctx, request);
      return recordVerdict(ctx, auth, parseInput(verdictRequest, request.body));
    },
  );

  app.post(
    `${base}/months/lock`,
    doc("Approve a team's month and lock it (every record touching it must be approved or rejected)", {
      body: lockMonthRequest,
      response: monthLock,
      errors: {
        ...errors,
        404: 'no such team',
        409: 'records still pending or returned (reason records_open; error.open lists them, error.openCount counts them)',
      },
    }),
    async (request, reply) => {
      const auth = await authenticate(ctx, request);
      const result = await lockMonth(ctx, auth, parseInput(lockMonthRequest, request.body));
      if (result.locked) return result.lock;
      const body = errorBody('month_not_reviewed', { reason: 'records_open' });
      return reply.status(409).send({ error: { ...body.error, openCount: result.openCount, open: result.open } });
    },
  );

  app.post(
    `${base}/months/unlock`,
    doc('Unlock a locked month, saying why (recorded with who and when)', {
      body: unlockMonthRequest,
      response: monthLock,
      errors: { ...errors, 404: 'no such team', 409: 'the month is not locked (reason month_not_locked)' },
    }),
    async (request) => unlockMonth(ctx, await authenticate(ctx, request), parseInput(unlockMonthRequest, request.body)),
  );

  app.get(
    `${base}/months`,
    doc('Month locks and their history (who locked, who unlocked, when and why)', {
      query: monthsQuery,
      response: monthLockList,
      errors: { ...errors, 403: 'not a member of the team, nor an admin' },
    }),
    async (request) => ({ locks: await listLocks(ctx, await authenticate(ctx, request), parseInput(monthsQuery, request.query).team) }),
  );

  app.get(
    `${base}/completeness`,
    doc("Per team and month of a year: records held by review state and whether the month is locked; the teams' devices not seen for quietDays", {
      query: completenessQuery,
      response: completenessReport,
    }),
    async (request) => completeness(ctx, await authenticate(ctx, request), parseInput(completenessQuery, request.query)),
  );

  app.get(
    `${base}/completeness.csv`,
    doc('The team × month completeness table as CSV (UTF-8 with a byte-order mark), headers in `lang`', {
      query: completenessQuery,
      produces: 'text/csv',
    }),
    async (request, reply) => {
      const q = parseInput(completenessQuery, request.query);
      const report = await completeness(ctx, await authenticate(ctx, request), q);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${completenessFileName(q.year, q.lang)}"`)
        .send(toCsv(completenessTable(report, q.lang)));
    },
  );

  app.get(
    `${base}/completeness.xlsx`,
    doc('The team × month completeness table as an Excel workbook, the same rows and headers (in `lang`) as the CSV', {
      query: completenessQuery,
      produces: XLSX_MIME,
    }),
    async (request, reply) => {
      const q = parseInput(completenessQuery, request.query);
      const report = await completeness(ctx, await authenticate(ctx, request), q);
      return reply
        .header('content-type', XLSX_MIME)
        .header('content-disposition', `attachment; filename="${completenessFileName(q.year, q.lang, 'xlsx')}"`)
        .send(Buffer.from(completenessXlsx(report, q.lang)));
    },
  );
}
