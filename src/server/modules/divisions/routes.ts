import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../platform/deps.js';
import { divisionNode, getDivision, listChildren, searchDivisions } from './queries.js';

const tags = ['行政区划'];
const code = z.string().regex(/^\d{2,12}$/, '行政区划代码应为数字');

/**
 * The division tree is public data (the statistical division codes): readable without a login, so
 * the public notice page (公示) lets a visitor choose the township or village by name.
 */
export function divisionRoutes(app: FastifyInstance, deps: Deps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const db = deps.database.db;
  api.get(
    '/api/divisions/children',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '下级行政区划',
        querystring: z.object({ parent: code.optional() }),
        response: { 200: z.array(divisionNode) },
      },
    },
    async (request) => listChildren(db, request.query.parent),
  );

  api.get(
    '/api/divisions/search',
    {
      config: { access: 'public' },
      schema: { tags, summary: '按名称或代码查找行政区划', querystring: z.object({ q: z.string().trim().min(1).max(40) }) },
    },
    async (request) => searchDivisions(db, request.query.q),
  );

  api.get(
    '/api/divisions/:code',
    {
      config: { access: 'public' },
      schema: { tags, summary: '行政区划详情', params: z.object({ code }) },
    },
    async (request) => getDivision(db, request.params.code),
  );
}
