import type { FormInstance } from 'antd';
import { ApiError } from './api';

/**
 * Puts the server's field errors on the form's fields ("members.0.person.idNumber" → the nested
 * name path) and returns the message to show above the form.
 */
export function applyServerErrors(form: FormInstance, err: unknown): string {
  if (!(err instanceof ApiError)) return '网络错误，请稍后重试';
  const fields = err.details.fields ?? [];
  form.setFields(fields.filter((f) => f.field).map((f) => ({ name: toPath(f.field), errors: [f.message.replace(/^[\w.]+：/, '')] })));
  return err.message;
}

function toPath(field: string): (string | number)[] {
  return field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}
