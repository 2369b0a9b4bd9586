import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Deps } from '../../platform/deps.js';
import {
  divisionChildren,
  divisionChildrenInput,
  divisionDetail,
  divisionParams,
  divisionSearchAnswer,
  divisionSearchInput,
} from '../../../shared/divisions/tree.js';
import { getDivision, listChildren, searchDivisions } from './queries.js';

const tags = ['行政区划'];

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
        querystring: divisionChildrenInput,
        response: { 200: divisionChildren },
      },
    },
    async (request) => listChildren(db, request.query.parent),
  );

  api.get(
    '/api/divisions/search',
    {
      config: { access: 'public' },
      schema: { tags, summary: '按名称或代码查找行政区划', querystring: divisionSearchInput, response: { 200: divisionSearchAnswer } },
    },
    async (request) => searchDivisions(db, request.query.q),
  );

  api.get(
    '/api/divisions/:code',
    {
      config: { access: 'public' },
      schema: { tags, summary: '行政区划详情', params: divisionParams, response: { 200: divisionDetail } },
    },
    async (request) => getDivision(db, request.params.code),
  );
}
