/** The routes of the app itself (src/server/app.ts): the health check and the OpenAPI document. */
import { z } from 'zod';

/** GET /api/health (operations): the database answered; 503 `DB_UNAVAILABLE` otherwise. */
export const healthAnswer = z.object({ status: z.literal('ok'), db: z.literal('ok') });
export type Health = z.infer<typeof healthAnswer>;

/** Every error's answer (docs/api.md "Conventions"): a stable code, a Chinese message, details. */
export const errorAnswer = z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()) });

/**
 * GET /api/openapi.json: an OpenAPI 3 document, generated from the routes' schemas (what each
 * operation holds is OpenAPI's, kept as it is generated).
 */
export const openApiDocument = z
  .object({
    openapi: z.string(),
    info: z.object({ title: z.string(), version: z.string() }).loose(),
    paths: z.record(z.string(), z.record(z.string(), z.unknown())),
  })
  .loose();
export type OpenApiDocument = z.infer<typeof openApiDocument>;
