import type { FastifyRequest } from 'fastify';
import type { Deps } from '../deps.js';
import { AppError } from '../errors.js';

/** The one file of a multipart upload, within the configured size limit; clear 4xx otherwise. */
export async function readUpload(
  request: FastifyRequest,
  deps: Deps,
  what = '文件',
): Promise<{ name: string; content: Buffer; fields: Record<string, string> }> {
  if (!request.isMultipart()) throw AppError.field('file', `请以文件上传方式提交${what}`);
  const part = await request.file();
  if (!part) throw AppError.field('file', `请选择要上传的${what}`);
  const content = await part.toBuffer().catch((e: { code?: string }) => {
    if (e.code === 'FST_REQ_FILE_TOO_LARGE')
      throw new AppError('PAYLOAD_TOO_LARGE', `文件过大：不能超过 ${deps.config.JIMIN_UPLOAD_LIMIT_MB} MB`);
    throw e;
  });
  const fields: Record<string, string> = {};
  for (const [k, v] of Object.entries(part.fields)) {
    const f = v as { type?: string; value?: unknown };
    if (f && f.type === 'field' && typeof f.value === 'string') fields[k] = f.value;
  }
  return { name: part.filename, content, fields };
}

export function idempotencyKey(request: FastifyRequest): string | null {
  const key = request.headers['idempotency-key'];
  return typeof key === 'string' && key ? key.slice(0, 100) : null;
}
