import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Space, Spin } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import { api, errorMessage } from '../../app/api';
import { applyServerErrors } from '../../app/forms';
import { PageHeader } from '../../app/list';
import { NotFoundResult } from '../../app/Results';
import { PersonFields, idNumberRule } from './PersonFields';
import type { PersonDetail } from '../../../shared/registry/persons';

/**
 * 修改人员信息. The ID number is shown masked and kept unless a corrected one is typed; encrypted
 * fields left empty are kept; the stored version is sent along so that a concurrent change is
 * refused (409) instead of overwritten.
 */
export function PersonEditPage() {
  const { id } = useParams();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const navigate = useNavigate();
  const client = useQueryClient();
  const { message } = App.useApp();
  const { data: p, error: loadError } = useQuery({ queryKey: ['person', id], queryFn: () => api.get<PersonDetail>(`/api/persons/${id}`) });
  if (loadError) return <NotFoundResult title={errorMessage(loadError)} back="/persons" backLabel="返回人员查询" />;
  if (!p) return <Spin style={{ display: 'block', margin: 60 }} />;

  const submit = async (v: Record<string, unknown>) => {
    setError(null);
    setBusy(true);
    const { correctedIdNumber, phone, healthNotes, birthDate, sex, ...rest } = v;
    // Only what changed is sent (and so listed in the audit row).
    const before: Record<string, unknown> = {
      name: p.name,
      hukouDivisionCode: p.hukouDivisionCode,
      residenceDivisionCode: p.residenceDivisionCode,
      hukouType: p.hukouType,
      disabilityType: p.disabilityType,
      disabilityGrade: p.disabilityGrade,
    };
    const body: Record<string, unknown> = { version: p.version };
    for (const [k, val] of Object.entries(rest)) if ((val ?? null) !== (before[k] ?? null)) body[k] = val ?? null;
    if (!rest.disabilityType && p.disabilityGrade !== null) body.disabilityGrade = null;
    if (correctedIdNumber) body.idNumber = correctedIdNumber;
    if (phone) body.phone = phone;
    if (healthNotes) body.healthNotes = healthNotes;
    if (!p.idNumberMasked && !correctedIdNumber) {
      const birth = birthDate ? (birthDate as Dayjs).format('YYYY-MM-DD') : null;
      if ((sex ?? null) !== p.sex) body.sex = sex ?? null;
      if (birth !== p.birthDate) body.birthDate = birth;
    }
    try {
      await api.patch(`/api/persons/${p.id}`, body);
      await client.invalidateQueries({ queryKey: ['person', id] });
      message.success('已保存');
      void navigate(`/persons/${p.id}`);
    } catch (e) {
      setError(applyServerErrors(form, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div style={{ maxWidth: 1000 }}>
      <PageHeader title={`修改人员信息：${p.name}`} />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="form-error" />}
      <Card size="small">
        <Form
          form={form}
          layout="vertical"
          onFinish={submit}
          scrollToFirstError
          initialValues={{
            name: p.name,
            sex: p.sex ?? undefined,
            birthDate: p.birthDate ? dayjs(p.birthDate) : undefined,
            hukouDivisionCode: p.hukouDivisionCode,
            residenceDivisionCode: p.residenceDivisionCode ?? undefined,
            hukouType: p.hukouType,
            disabilityType: p.disabilityType ?? undefined,
            disabilityGrade: p.disabilityGrade ?? undefined,
          }}
        >
          <Alert
            type="info"
            style={{ marginBottom: 16 }}
            title={`身份证号 ${p.idNumberMasked ?? `（无：${p.noIdReason ?? ''}）`}、联系电话 ${p.phoneMasked ?? '（无）'} 加密保存：留空不变，填写即更正。`}
          />
          <Form.Item
            name="correctedIdNumber"
            label={p.idNumberMasked ? '更正身份证号（留空不变）' : '补录身份证号（留空不变）'}
            rules={[idNumberRule]}
            normalize={(v: string) => v?.replace(/\s+/g, '').toUpperCase()}
          >
            <Input maxLength={18} style={{ maxWidth: 320 }} autoComplete="off" />
          </Form.Item>
          <PersonFields editing idKnown={Boolean(p.idNumberMasked)} />
          <Space>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="person-save">
              保存
            </Button>
            <Button onClick={() => navigate(-1)}>取消</Button>
          </Space>
        </Form>
      </Card>
    </div>
  );
}
