/** What every social-assistance route shares: its OpenAPI tag, the id parameter, the read permission and the answers of its downloads. */
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { fileAnswer } from '../../platform/http/send-xlsx.js';

export const tags = ['社会救助'];
export const idParam = z.object({ id: z.coerce.number().int().positive() });
export const read = { permission: 'assistance.read' as const };

/** A PDF download or print (`what`: 救助资金发放名册, 批准通知书 …), for a route's `response: { 200: … }`. */
export const pdfAnswer = (what: string) => fileAnswer('application/pdf', `${what}（PDF 文件）`);

/** A download that comes in one of several content types (an uploaded document: JPG, PNG or PDF). */
export function filesAnswer(mimes: readonly string[], description: string) {
  return {
    description,
    content: Object.assign({}, ...mimes.map((m) => fileAnswer(m, description).content)) as Record<string, { schema: z.ZodString }>,
  };
}

/** Sends a file to be shown in the browser (a document, a printed form) under its Chinese name. */
export function sendInline(reply: FastifyReply, mime: string, name: string, content: Buffer) {
  return reply
    .header('content-type', mime)
    .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(name)}`)
    .send(content);
}
