import { useState } from 'react';
import { App, Button, Checkbox, Form, Radio, Tag, Tooltip } from 'antd';
import { api, ApiError } from '../../app/api';
import { applyServerErrors } from '../../app/forms';
import { FormDialog } from '../../components/FormDialog';
import { DivisionPicker } from '../../components/DivisionPicker';
import { hukouTypes } from '../../../shared/registry-codes';
import type { PersonRow } from '../../../shared/registry/persons';

/** 待核实: the hukou a resident gave at sign-up, not yet checked by a clerk (server: registry/confirm-hukou.ts). */
export function HukouUnverifiedTag({ p }: { p: Pick<PersonRow, 'hukouUnverified'> }) {
  if (!p.hukouUnverified) return null;
  return (
    <Tooltip title="居民注册时自报的户籍地，尚未经工作人员核实">
      <Tag color="orange" data-testid="hukou-unverified">
        待核实
      </Tag>
    </Tooltip>
  );
}

interface Values {
  correct?: boolean;
  hukouDivisionCode?: string;
  hukouType?: 'urban' | 'rural';
}

/**
 * 确认户籍地: the clerk checks the hukou the resident gave (户口簿, the police's record) and confirms
 * it, correcting the village or type where it was wrong; audited, and the 待核实 mark goes.
 */
export function ConfirmHukouButton({ p, onConfirmed }: { p: PersonRow; onConfirmed: () => void }) {
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { message } = App.useApp();
  const correct = Form.useWatch('correct', form);
  if (!p.hukouUnverified) return null;
  const submit = async () => {
    const v = form.getFieldsValue();
    setBusy(true);
    setError(null);
    try {
      await api.post(`/api/persons/${p.id}/confirm-hukou`, {
        version: p.version,
        ...(v.correct && v.hukouDivisionCode ? { hukouDivisionCode: v.hukouDivisionCode } : {}),
        ...(v.correct && v.hukouType ? { hukouType: v.hukouType } : {}),
      });
      message.success('户籍地已确认');
      setOpen(false);
      onConfirmed();
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        message.error(e.message);
        setOpen(false);
        onConfirmed();
      } else setError(applyServerErrors(form, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button size="small" type="primary" ghost onClick={() => setOpen(true)} data-testid="confirm-hukou">
        确认户籍地
      </Button>
      {open && (
        <FormDialog
          title="确认户籍地"
          testId="confirm-hukou"
          confirm="确认"
          busy={busy}
          error={error}
          onClose={() => setOpen(false)}
          onOk={() => void submit()}
          intro={
            <>
              居民注册时自报的户籍地为 <b>{p.hukouDivisionName ?? p.hukouDivisionCode}</b>（{hukouTypes[p.hukouType]}
              ）。请对照户口簿或公安户籍信息核实；确认后不再显示“待核实”，并记入审计日志。
            </>
          }
        >
          <Form
            form={form}
            layout="vertical"
            initialValues={{ correct: false, hukouDivisionCode: p.hukouDivisionCode, hukouType: p.hukouType }}
          >
            <Form.Item name="correct" valuePropName="checked" style={{ marginBottom: 8 }}>
              <Checkbox data-testid="confirm-hukou-correct">自报的户籍地有误，更正为：</Checkbox>
            </Form.Item>
            {correct && (
              <>
                <Form.Item name="hukouDivisionCode" label="户籍地" rules={[{ required: true, message: '请选择到村（社区）一级' }]}>
                  <DivisionPicker testId="confirm-hukou-division" style={{ width: '100%' }} />
                </Form.Item>
                <Form.Item name="hukouType" label="城乡类别">
                  <Radio.Group options={Object.entries(hukouTypes).map(([value, label]) => ({ value, label }))} />
                </Form.Item>
              </>
            )}
          </Form>
        </FormDialog>
      )}
    </>
  );
}
