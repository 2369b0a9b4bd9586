import type { FormInstance } from 'antd';
import { ApiError } from './api';
import { stripFieldPrefix } from './list';

/**
 * Puts the server's field errors (`details.fields`) on the form's fields ("members.0.person.idNumber"
 * → the nested name path) and returns the message to show above the form. A field error that no
 * field of this form shows is added to that message, so no error is ever lost. `rename` maps an API
 * field to the form's (monthlyAmountFen → monthlyAmountYuan).
 */
export function applyServerErrors(form: FormInstance, err: unknown, rename: Record<string, string> = {}): string {
  if (!(err instanceof ApiError)) return '网络错误，请稍后重试';
  const fields = (err.details.fields ?? []).map((f) => ({ ...f, field: rename[f.field] ?? f.field }));
  const shown = new Set(form.getFieldsError().map((f) => f.name.join('.')));
  const onForm = fields.filter((f) => f.field && shown.has(f.field));
  const elsewhere = fields.filter((f) => !f.field || !shown.has(f.field));
  form.setFields(onForm.map((f) => ({ name: toPath(f.field), errors: [stripFieldPrefix(f.message)] })));
  const extra = elsewhere.map((f) => f.message).filter((m) => m !== err.message);
  return [err.message, ...extra].join('；');
}

export function toPath(field: string): (string | number)[] {
  return field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/** Form validation rule: an optional 11-digit mobile or a landline with area code. */
export const phoneRule = { pattern: /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, message: '应为 11 位手机号或带区号的固定电话' };
