import { useState } from 'react';
import { Alert, Button, Form, Input, Space, Spin } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import { api } from '../../app/api';
import { applyServerErrors } from '../../app/forms';
import { PersonFields } from './PersonFields';
import type { PersonDetail } from './types';

/**
 * 修改人员信息. The ID number is shown masked and kept unless a corrected one is typed; the stored
 * version is sent along so that a concurrent change is refused (409) instead of overwritten.
 */
export function PersonEditPage() {
  const { id } = useParams();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const navigate = useNavigate();
  const client = useQueryClient();
  const { data: p } = useQuery({ queryKey: ['person', id], queryFn: () => api.get<PersonDetail>(`/api/persons/${id}`) });
  if (!p) return <Spin />;
  const submit = async (v: Record<string, unknown>) => {
    setError(null);
    const { correctedIdNumber, phone, healthNotes, ...rest } = v;
    const body: Record<string, unknown> = { ...rest, version: p.version };
    if (correctedIdNumber) body.idNumber = correctedIdNumber;
    if (phone) body.phone = phone;
    if (healthNotes) body.healthNotes = healthNotes;
    try {
      await api.patch(`/api/persons/${p.id}`, body);
      await client.invalidateQueries({ queryKey: ['person', id] });
      navigate(`/persons/${p.id}`);
    } catch (e) {
      setError(applyServerErrors(form, e));
    }
  };
  return (
    <div style={{ maxWidth: 960 }}>
      <h2 className="page-title">修改人员信息：{p.name}</h2>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          name: p.name,
          hukouDivisionCode: p.hukouDivisionCode,
          residenceDivisionCode: p.residenceDivisionCode ?? undefined,
          hukouType: p.hukouType,
          disabilityType: p.disabilityType ?? undefined,
          disabilityGrade: p.disabilityGrade ?? undefined,
        }}
      >
        <Alert type="info" style={{ marginBottom: 16 }} message={`身份证号 ${p.idNumberMasked ?? '（无）'}、联系电话 ${p.phoneMasked ?? '（无）'} 加密保存：留空不变，填写即更正。`} />
        <Form.Item name="correctedIdNumber" label="更正身份证号（留空不变）">
          <Input maxLength={18} />
        </Form.Item>
        <PersonFields editing />
        <Space>
          <Button type="primary" htmlType="submit" data-testid="person-save">保存</Button>
          <Button onClick={() => navigate(-1)}>取消</Button>
        </Space>
      </Form>
    </div>
  );
}
