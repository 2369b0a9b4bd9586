import { useState } from 'react';
import { Alert, Button, Form, Space } from 'antd';
import { useNavigate } from 'react-router';
import { api } from '../../app/api';
import { applyServerErrors } from '../../app/forms';
import { PersonFields, toPersonBody } from './PersonFields';
import type { PersonRow } from './types';

export function PersonNewPage() {
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const navigate = useNavigate();
  const submit = async (v: Record<string, unknown>) => {
    setError(null);
    try {
      const p = await api.post<PersonRow>('/api/persons', toPersonBody(v));
      navigate(`/persons/${p.id}`);
    } catch (e) {
      setError(applyServerErrors(form, e));
    }
  };
  return (
    <div style={{ maxWidth: 960 }}>
      <h2 className="page-title">登记人员</h2>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ hukouType: 'rural' }}>
        <PersonFields />
        <Space>
          <Button type="primary" htmlType="submit" data-testid="person-submit">保存</Button>
          <Button onClick={() => navigate(-1)}>取消</Button>
        </Space>
      </Form>
    </div>
  );
}
