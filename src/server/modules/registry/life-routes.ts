/** The routes of a person's life events (docs/api.md "Registry"): wiring only. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../platform/deps.js';
import { ctxOf } from '../../platform/http/guard.js';
import {
  deathInput,
  endRelationInput,
  endSpellInput,
  hukouMoveInput,
  lifeEventDone,
  lifeFacts,
  maritalStatusInput,
  relationInput,
  residenceInput,
  revokeDeathInput,
  schoolingInput,
  workAwayInput,
} from '../../../shared/registry/life-events.js';
import { changeResidence, moveHukou, recordDeath, revokeDeath, setMaritalStatus } from './life-events.js';
import { addRelation, addSchooling, addWorkAway, endRelation, endSchooling, endWorkAway, lifeFactsOf } from './relations.js';

const tags = ['人口与家庭库'];
const id = z.coerce.number().int().positive();
const idParam = z.object({ id });
const created = z.object({ id: z.number() });

export function lifeEventRoutes(app: FastifyInstance, deps: Deps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const read = { permission: 'registry.read' as const };
  const write = { permission: 'registry.write' as const };

  api.get(
    '/api/persons/:id/life',
    { config: read, schema: { tags, summary: '生活事件、关系、外出务工与就读', params: idParam, response: { 200: lifeFacts } } },
    async (request) => lifeFactsOf(deps, ctxOf(request), request.params.id),
  );
  api.post(
    '/api/persons/:id/death',
    { config: write, schema: { tags, summary: '登记死亡', params: idParam, body: deathInput, response: { 200: lifeEventDone } } },
    async (request) => recordDeath(deps, ctxOf(request), request.params.id, request.body),
  );
  api.post(
    '/api/persons/:id/death/revoke',
    {
      config: write,
      schema: { tags, summary: '撤销死亡登记（登记有误）', params: idParam, body: revokeDeathInput, response: { 200: lifeEventDone } },
    },
    async (request) => revokeDeath(deps, ctxOf(request), request.params.id, request.body),
  );
  api.post(
    '/api/persons/:id/marital-status',
    {
      config: write,
      schema: { tags, summary: '变更婚姻状况', params: idParam, body: maritalStatusInput, response: { 200: lifeEventDone } },
    },
    async (request) => setMaritalStatus(deps, ctxOf(request), request.params.id, request.body),
  );
  api.post(
    '/api/persons/:id/hukou-move',
    { config: write, schema: { tags, summary: '户口迁入或迁出', params: idParam, body: hukouMoveInput, response: { 200: lifeEventDone } } },
    async (request) => moveHukou(deps, ctxOf(request), request.params.id, request.body),
  );
  api.post(
    '/api/persons/:id/residence',
    { config: write, schema: { tags, summary: '变更居住地', params: idParam, body: residenceInput, response: { 200: lifeEventDone } } },
    async (request) => changeResidence(deps, ctxOf(request), request.params.id, request.body),
  );
  api.post(
    '/api/persons/:id/relations',
    {
      config: write,
      schema: { tags, summary: '登记监护、照护或亲子关系', params: idParam, body: relationInput, response: { 200: created } },
    },
    async (request) => addRelation(deps, ctxOf(request), request.params.id, request.body),
  );
  api.post(
    '/api/persons/:id/relations/:relationId/end',
    {
      config: write,
      schema: { tags, summary: '终止关系', params: z.object({ id, relationId: id }), body: endRelationInput, response: { 200: created } },
    },
    async (request) => endRelation(deps, ctxOf(request), request.params.id, request.params.relationId, request.body),
  );
  api.post(
    '/api/persons/:id/work-away',
    { config: write, schema: { tags, summary: '登记外出务工', params: idParam, body: workAwayInput, response: { 200: created } } },
    async (request) => addWorkAway(deps, ctxOf(request), request.params.id, request.body),
  );
  api.post(
    '/api/persons/:id/work-away/:spellId/end',
    {
      config: write,
      schema: { tags, summary: '登记外出务工返回', params: z.object({ id, spellId: id }), body: endSpellInput, response: { 200: created } },
    },
    async (request) => endWorkAway(deps, ctxOf(request), request.params.id, request.params.spellId, request.body),
  );
  api.post(
    '/api/persons/:id/schooling',
    { config: write, schema: { tags, summary: '登记在校就读', params: idParam, body: schoolingInput, response: { 200: created } } },
    async (request) => addSchooling(deps, ctxOf(request), request.params.id, request.body),
  );
  api.post(
    '/api/persons/:id/schooling/:enrolmentId/end',
    {
      config: write,
      schema: { tags, summary: '登记离校', params: z.object({ id, enrolmentId: id }), body: endSpellInput, response: { 200: created } },
    },
    async (request) => endSchooling(deps, ctxOf(request), request.params.id, request.params.enrolmentId, request.body),
  );
}
