import type { FastifyReply } from 'fastify';
import { XLSX_MIME } from '../xlsx.js';

/** Sends an .xlsx as a download with its Chinese file name. */
export function sendXlsx(reply: FastifyReply, name: string, content: Buffer) {
  return reply
    .header('content-type', XLSX_MIME)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
    .send(content);
}
