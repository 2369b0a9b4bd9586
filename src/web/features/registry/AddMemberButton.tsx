import { useState } from 'react';
import { Alert, Button, Form, Modal, Segmented, Select } from 'antd';
import { api } from '../../app/api';
import { applyServerErrors } from '../../app/forms';
import { relations } from '../../../shared/registry-codes';
import { PersonFields, toPersonBody } from './PersonFields';
import { PersonLookup } from './PersonLookup';
import type { HouseholdDetail } from '../../../shared/registry/households';

const memberRelations = Object.entries(relations)
  .filter(([k]) => k !== 'head')
  .map(([value, label]) => ({ value, label }));

interface Values {
  relation: string;
  personId?: number;
  person?: Record<string, unknown>;
}

/** 添加成员: a person already in the registry (by ID number), or a new one registered with the household's village as hukou. */
export function AddMemberButton({ household, onSaved }: { household: HouseholdDetail; onSaved: () => void }) {
  const [open, setOpen] = useState(false);
  const [mode, setMode] = useState<'existing' | 'new'>('existing');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<Values>();
  const submit = async (v: Values) => {
    setError(null);
    setBusy(true);
    try {
      const body =
        mode === 'existing'
          ? { relation: v.relation, personId: v.personId }
          : {
              relation: v.relation,
              person: {
                ...toPersonBody(v.person ?? {}),
                hukouDivisionCode: (v.person?.hukouDivisionCode as string | undefined) ?? household.divisionCode,
              },
            };
      await api.post(`/api/households/${household.id}/members`, body);
      setOpen(false);
      onSaved();
    } catch (e) {
      setError(applyServerErrors(form, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button
        size="small"
        type="primary"
        ghost
        onClick={() => {
          setError(null);
          setOpen(true);
        }}
        data-testid="member-add-open"
      >
        添加成员
      </Button>
      <Modal
        title={`添加家庭成员 · ${household.householdNo}`}
        open={open}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okText="添加"
        confirmLoading={busy}
        destroyOnHidden
        width={mode === 'new' ? 900 : 560}
        okButtonProps={{ 'data-testid': 'member-add-save' } as never}
      >
        <Segmented
          block
          value={mode}
          onChange={(m) => {
            setMode(m as 'existing' | 'new');
            setError(null);
          }}
          options={[
            { value: 'existing', label: '已登记人员（按身份证号查找）' },
            { value: 'new', label: '新登记人员' },
          ]}
          style={{ marginBottom: 16 }}
          data-testid="member-add-mode"
        />
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Form form={form} layout="vertical" onFinish={submit} initialValues={{ relation: 'child', person: {} }} preserve={false}>
          <Form.Item name="relation" label="与户主关系" rules={[{ required: true, message: '请选择与户主关系' }]}>
            <Select options={memberRelations} style={{ maxWidth: 240 }} data-testid="member-add-relation" />
          </Form.Item>
          {mode === 'existing' ? (
            <Form.Item name="personId" label="身份证号" rules={[{ required: true, message: '请查找并选中一名已登记人员' }]}>
              <PersonLookup testId="member-add-lookup" />
            </Form.Item>
          ) : (
            <PersonFields prefix={['person']} testPrefix="member-new" hukou="optional" fallbackDivision={household.divisionCode} />
          )}
        </Form>
      </Modal>
    </>
  );
}
