import { useState } from 'react';
import { App, type FormInstance } from 'antd';
import { ApiError, errorMessage } from './api';
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

/**
 * Runs a dialog's POST: field errors go onto the form and the rest above it; on success `done` (or
 * the message made from the result) is shown; a 409 (someone changed the record first) is shown as
 * a message. After success or a 409 the record is read again (`onDone`) and the dialog closes.
 */
export function useSubmit(onDone: () => void, onClose: () => void) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { message } = App.useApp();
  const run = async <T>(
    form: FormInstance,
    send: () => Promise<T>,
    done: string | ((result: T) => string),
    rename?: Record<string, string>,
  ) => {
    setError(null);
    setBusy(true);
    try {
      const result = await send();
      message.success(typeof done === 'string' ? done : done(result));
      onDone();
      onClose();
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        message.error(err.message);
        onDone();
        onClose();
      } else setError(applyServerErrors(form, err, rename) || errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return { error, busy, run };
}

export function toPath(field: string): (string | number)[] {
  return field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/** Form validation rule: an optional 11-digit mobile or a landline with area code. */
export const phoneRule = { pattern: /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, message: '应为 11 位手机号或带区号的固定电话' };
