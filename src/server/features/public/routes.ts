import type { FastifyInstance, FastifyReply } from 'fastify';
import { API_PREFIX, publicProgress, publishedSnapshot, renderNotInPlanHtml, renderNotPublishedHtml, renderPublicHtml, snapshotList } from '../../../shared';
import type { ServerContext } from '../../context';
import { planForReport } from '../plans';
import { HttpError } from '../../http/errors';
import { parseInput } from '../../http/parse';
import { authenticate, requireRole } from '../auth';
import { assertPlanYear, publicPageParams, publicPageQuery, publicQuery, publishRequest, snapshotListQuery } from '../reports';
import { listSnapshots, publishSnapshot, SnapshotCache } from './snapshots';

/** The latest snapshot may be replaced by a newer one: browsers and proxies keep it a few minutes. */
const LATEST_CACHE = 'public, max-age=300';
/** A numbered version never changes. */
const VERSION_CACHE = 'public, max-age=31536000, immutable';

function cacheHeader(reply: FastifyReply, version: number | undefined): FastifyReply {
  return reply.header('cache-control', version === undefined ? LATEST_CACHE : VERSION_CACHE);
}

/**
 * The plan's progress for the city's portal (measures 21.1 and 21.2): no login; published
 * snapshots only, never the live figures. Admins publish a new snapshot.
 */
export function publicRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const cache = new SnapshotCache();

  app.get(
    `${API_PREFIX}/public/progress`,
    {
      config: {
        doc: {
          summary: "The year's published snapshot (latest, or ?version=N): aggregated figures, counts of people protected by cell suppression",
          tag: 'public',
          auth: false,
          query: publicQuery,
          response: publicProgress,
          errors: {
            400: 'no year, a year outside the plan, or a version that is not a positive whole number',
            404: 'not_yet_published: no snapshot of the year yet; snapshot_unknown: no such version',
          },
        },
      },
    },
    async (request, reply) => {
      const { year, version } = parseInput(publicQuery, request.query);
      assertPlanYear(await planForReport(ctx, undefined, year), year);
      const entry = await cache.get(ctx.db, year, version);
      if (!entry) throw new HttpError(404, version === undefined ? 'not_yet_published' : 'snapshot_unknown');
      return cacheHeader(reply, version).send(entry.progress);
    },
  );

  app.get(
    '/public/progress/:year',
    {
      config: {
        doc: {
          summary: 'The public progress page of a published snapshot (self-contained HTML; ?lang=en for English, ?version=N for an older one)',
          tag: 'public',
          auth: false,
          query: publicPageQuery,
          produces: 'text/html',
          errors: {
            400: 'not a language the page has, or a bad version',
            404: 'no such version; a year outside the plan or with no snapshot yet gets an HTML page saying so',
          },
          htmlErrors: [404],
        },
      },
    },
    async (request, reply) => {
      const year = Number(parseInput(publicPageParams, request.params).year);
      const { lang, version } = parseInput(publicPageQuery, request.query);
      reply.header('content-language', lang).type('text/html; charset=utf-8');
      // A reader who typed a year gets a page saying which years there are, not an API error.
      const catalogue = await planForReport(ctx, undefined, year);
      if (!catalogue.years.includes(year)) return reply.status(404).header('cache-control', 'no-cache').send(renderNotInPlanHtml(catalogue, year, lang));
      const entry = await cache.get(ctx.db, year, version);
      const options = { catalogue };
      if (!entry) {
        if (version !== undefined) throw new HttpError(404, 'snapshot_unknown');
        return reply.status(404).header('cache-control', 'no-cache').send(renderNotPublishedHtml(catalogue.title, year, lang, options));
      }
      let page = entry.pages.get(lang);
      if (!page) entry.pages.set(lang, (page = renderPublicHtml(entry.progress, lang, options)));
      return cacheHeader(reply, version).send(page);
    },
  );

  app.post(
    `${API_PREFIX}/admin/public-snapshots`,
    {
      config: {
        doc: {
          summary:
            'Publish the next public snapshot of a year from its locked months (201); 200 with the latest when its figures are unchanged',
          tag: 'admin',
          auth: true,
          body: publishRequest,
          response: publishedSnapshot,
          status: 201,
          errors: {
            400: 'no year, or a year outside the plan (error.issues names the field)',
            401: 'no valid session',
            403: 'not an admin',
            409: 'nothing_locked: no month of the year is locked yet',
          },
        },
      },
    },
    async (request, reply) => {
      const auth = await authenticate(ctx, request);
      requireRole(auth, 'admin');
      const { year } = parseInput(publishRequest, request.body ?? {});
      const result = await publishSnapshot(ctx, { year, actorId: auth.userId });
      return reply.status(result.created ? 201 : 200).send(result);
    },
  );

  app.get(
    `${API_PREFIX}/admin/public-snapshots`,
    {
      config: {
        doc: {
          summary: 'The published snapshots (version, when, by whom, from how many locked team-months), oldest first',
          tag: 'admin',
          auth: true,
          query: snapshotListQuery,
          response: snapshotList,
          errors: { 400: 'a year that is not a number', 401: 'no valid session', 403: 'not an admin' },
        },
      },
    },
    async (request) => {
      const auth = await authenticate(ctx, request);
      requireRole(auth, 'admin');
      const { year } = parseInput(snapshotListQuery, request.query);
      return { snapshots: await listSnapshots(ctx.db, year) };
    },
  );
}
