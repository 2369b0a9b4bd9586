import { useState } from 'react';
import { Alert, App, Button, Card, Form, Space } from 'antd';
import { useNavigate } from 'react-router';
import { api } from '../../app/api';
import { applyServerErrors } from '../../app/forms';
import { PageHeader } from '../../app/list';
import { PersonFields, toPersonBody } from './PersonFields';
import type { PersonRow } from '../../../shared/registry/persons';

/** 登记人员 (POST /api/persons). */
export function PersonNewPage() {
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const navigate = useNavigate();
  const { message } = App.useApp();
  const submit = async (v: Record<string, unknown>) => {
    setError(null);
    setBusy(true);
    try {
      const p = await api.post<PersonRow>('/api/persons', toPersonBody(v));
      message.success(`已登记：${p.name}`);
      void navigate(`/persons/${p.id}`);
    } catch (e) {
      setError(applyServerErrors(form, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div style={{ maxWidth: 1000 }}>
      <PageHeader title="登记人员" sub="身份证号、联系电话、健康状况加密保存；同一身份证号只能登记一次（一数一源）。" />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="form-error" />}
      <Card size="small">
        <Form form={form} layout="vertical" onFinish={submit} scrollToFirstError>
          <PersonFields />
          <Space>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="person-submit">
              保存
            </Button>
            <Button onClick={() => navigate(-1)}>取消</Button>
          </Space>
        </Form>
      </Card>
    </div>
  );
}
