import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { XLSX_MIME } from '../xlsx.js';

/** Sends an .xlsx as a download with its Chinese file name. */
export function sendXlsx(reply: FastifyReply, name: string, content: Buffer) {
  return reply
    .header('content-type', XLSX_MIME)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
    .send(content);
}

/**
 * The success answer of a download route, for its schema (`response: { 200: fileAnswer(…) }`): the
 * content type and a binary body, so that /api/openapi.json documents the file. A Buffer sent with
 * that content type is not serialized (Fastify sends buffers as they are).
 */
export function fileAnswer(mime: string, description: string) {
  return { description, content: { [mime]: { schema: z.string().meta({ format: 'binary' }) } } };
}

/** An .xlsx download (`what`: 用户名单, 审计日志 …). */
export const xlsxAnswer = (what: string) => fileAnswer(XLSX_MIME, `${what}（.xlsx 文件）`);
