import type { FastifyInstance } from 'fastify';
import { API_PREFIX, renderPublicHtml } from '../../../shared';
import type { ServerContext } from '../../context';
import { parseInput } from '../../http/parse';
import { assertPlanYear, publicPageParams, publicPageQuery, publicQuery } from '../reports/params';
import { today } from '../reports/scope';
import { PublicProgressCache } from './progress';

/** Public figures may sit in a browser or proxy cache for a few minutes. */
const PUBLIC_CACHE = 'public, max-age=300';

/** The plan's progress for the city's portal (measures 21.1 and 21.2): no login, aggregated and suppressed only. */
export function publicRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const cache = new PublicProgressCache();

  app.get(
    `${API_PREFIX}/public/progress`,
    {
      config: {
        doc: {
          summary: "The year's progress per indicator, aggregated; counts of fewer than five people suppressed",
          tag: 'public',
          auth: false,
          query: publicQuery,
          response: 'PublicProgress',
          errors: { 400: 'no year, or a year outside the plan' },
        },
      },
    },
    async (request, reply) => {
      const { year } = parseInput(publicQuery, request.query);
      assertPlanYear(ctx.catalogue, year);
      const progress = await cache.get(ctx.db, ctx.catalogue, year, today(ctx));
      return reply.header('cache-control', PUBLIC_CACHE).send(progress);
    },
  );

  app.get(
    '/public/progress/:year',
    {
      config: {
        doc: {
          summary: 'The public progress page for a year (self-contained HTML; ?lang=en for English)',
          tag: 'public',
          auth: false,
          query: publicPageQuery,
          produces: 'text/html',
          errors: { 400: 'not a language the page has', 404: 'a year outside the plan' },
        },
      },
    },
    async (request, reply) => {
      const year = Number(parseInput(publicPageParams, request.params).year);
      const { lang } = parseInput(publicPageQuery, request.query);
      assertPlanYear(ctx.catalogue, year, 404);
      const progress = await cache.get(ctx.db, ctx.catalogue, year, today(ctx));
      return reply
        .header('cache-control', PUBLIC_CACHE)
        .header('content-language', lang)
        .type('text/html; charset=utf-8')
        .send(renderPublicHtml(progress, lang));
    },
  );
}
