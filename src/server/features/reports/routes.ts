import type { FastifyInstance } from 'fastify';
import {
  annualFileName,
  annualRows,
  annualTable,
  annualXlsx,
  API_PREFIX,
  buildAnnualReport,
  buildProgressReport,
  progressReportJson,
  reportTeams,
  toCsv,
  XLSX_MIME,
} from '../../../shared';
import type { ServerContext } from '../../context';
import { parseInput } from '../../http/parse';
import type { RouteDoc } from '../../http/route-doc';
import { listTeams } from '../accounts';
import { audit } from '../audit';
import { authenticate, type AuthContext } from '../auth';
import { planForReport } from '../plans';
import { annualQuery, assertPlanYear, progressFilter, progressQuery } from './params';
import { reportScope, scopedQuery, today } from './scope';
import { progressJson } from './serialize';

const errors = {
  400: 'invalid query (error.issues names the fields), or a year outside the plan',
  401: 'no valid session',
  403: 'a field worker or trainer asked for a team that is not theirs',
};

function doc(summary: string, extra: Partial<RouteDoc> = {}): { config: { doc: RouteDoc } } {
  return { config: { doc: { summary, tag: 'reports', auth: true, errors, ...extra } } };
}

/** The annual table, and its export in the audit log (who took which figures away, in which file). */
async function annualTableFor(ctx: ServerContext, auth: AuthContext, q: ReturnType<typeof annualQuery.parse>, format: 'xlsx' | 'csv') {
  const plan = await planForReport(ctx, q.plan, q.year);
  assertPlanYear(plan, q.year);
  const report = await buildAnnualReport(plan, scopedQuery(ctx, auth, undefined), {
    year: q.year,
    asOf: today(ctx),
    includePending: q.includePending,
  });
  await audit(ctx, {
    type: 'report_exported', actorId: auth.userId, deviceId: auth.deviceId, format, year: q.year, lang: q.lang, includePending: q.includePending,
  });
  const table = annualTable(annualRows(plan, report, q.lang), q.lang);
  return { table, meta: { planTitle: plan.title, year: q.year, asOf: report.asOf, includePending: q.includePending } };
}

/** Progress against the plan's targets, and the annual report as a spreadsheet. Field workers see their own teams only. */
export function reportRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const base = `${API_PREFIX}/reports`;
  // Every role may report; what they see is scoped by role (scope.ts).
  const reporter = (request: Parameters<typeof authenticate>[1]) => authenticate(ctx, request);

  app.get(
    `${base}/progress`,
    doc('Progress of every measure and indicator against its target for a year, quarter or month, with breakdowns', {
      query: progressQuery,
      response: progressReportJson,
    }),
    async (request) => {
      const auth = await reporter(request);
      const q = parseInput(progressQuery, request.query);
      const plan = await planForReport(ctx, q.plan, q.year);
      assertPlanYear(plan, q.year);
      const report = await buildProgressReport(plan, scopedQuery(ctx, auth, q.team), progressFilter(q), {
        asOf: today(ctx),
        breakdowns: [...new Set(q.breakdowns)],
      });
      return progressJson(report);
    },
  );

  app.get(
    `${base}/teams`,
    doc('The teams this user may report on, with their names: every team for supervisors and admins, their own otherwise', {
      response: reportTeams,
    }),
    async (request) => {
      const auth = await reporter(request);
      const all = await listTeams(ctx);
      const mine = reportScope(auth, undefined).teamIds;
      return { teams: all.filter((t) => !mine || mine.includes(t.id)).map((t) => ({ id: t.id, name: t.name })) };
    },
  );

  app.get(
    `${base}/annual.xlsx`,
    doc("The year's annual report in the plan's structure, as an Excel workbook", { query: annualQuery, produces: XLSX_MIME }),
    async (request, reply) => {
      const q = parseInput(annualQuery, request.query);
      const { table, meta } = await annualTableFor(ctx, await reporter(request), q, 'xlsx');
      const bytes = annualXlsx(table, meta, q.lang);
      return reply
        .header('content-type', XLSX_MIME)
        .header('content-disposition', `attachment; filename="${annualFileName(q.year, q.lang, q.includePending, 'xlsx', false)}"`)
        .send(Buffer.from(bytes));
    },
  );

  app.get(
    `${base}/annual.csv`,
    doc("The year's annual report as CSV (UTF-8 with a byte-order mark, so Excel shows Cyrillic)", {
      query: annualQuery,
      produces: 'text/csv',
    }),
    async (request, reply) => {
      const q = parseInput(annualQuery, request.query);
      const { table } = await annualTableFor(ctx, await reporter(request), q, 'csv');
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${annualFileName(q.year, q.lang, q.includePending, 'csv', false)}"`)
        .send(toCsv(table));
    },
  );
}
