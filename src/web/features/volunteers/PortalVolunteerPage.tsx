import { useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Descriptions, Form, Select, Spin, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, errorMessage } from '../../app/api';
import { applyServerErrors } from '../../app/forms';
import { availableTimes, serviceCategories } from '../../../shared/volunteers/codes';
import type { MyVolunteer, PortalRegisterInput } from '../../../shared/volunteers/volunteers';
import { HukouPicker } from '../portal/HukouPicker';
import { PortalLayout } from '../portal/PortalLayout';
import { options } from './ChoiceFields';

const KEY = ['portal-volunteer'];

/**
 * 志愿服务 (resident, phone-sized): register as a volunteer under one's own real name (the registry
 * person the account is linked to), or see one's volunteer number once registered.
 */
export function PortalVolunteerPage() {
  const { data, error, isLoading } = useQuery({ queryKey: KEY, queryFn: () => api.get<MyVolunteer>('/api/portal/volunteer') });
  return (
    <PortalLayout>
      {error ? (
        <Alert type="error" showIcon title={errorMessage(error, '信息加载失败')} />
      ) : isLoading || !data ? (
        <Spin style={{ display: 'block', margin: 60 }} />
      ) : data.volunteer && data.volunteer.status === 'registered' ? (
        <Card size="small" title="我的志愿者信息" data-testid="portal-volunteer">
          <Typography.Paragraph>
            您已注册为志愿者，志愿者编号：
            <strong data-testid="portal-volunteer-no" style={{ fontSize: '1.25em' }}>
              {data.volunteer.volunteerNo}
            </strong>
          </Typography.Paragraph>
          <Descriptions
            column={1}
            size="small"
            items={[
              { key: 'n', label: '姓名', children: data.volunteer.name },
              { key: 's', label: '状态', children: data.volunteer.statusName },
              { key: 'r', label: '注册日期', children: data.volunteer.registeredOn },
              { key: 'd', label: '居住地', children: data.volunteer.divisionName },
              { key: 'c', label: '服务类别', children: data.volunteer.categoryNames.join('、') },
              { key: 't', label: '可服务时间', children: data.volunteer.availableTimeNames.join('、') },
              { key: 'k', label: '技能特长', children: data.volunteer.skills.join('、') || '（未填写）' },
              { key: 'o', label: '志愿服务组织', children: data.volunteer.organisationName ?? '（未加入组织）' },
            ]}
          />
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            参加志愿服务时请出示志愿者编号，不必提供身份证号。信息需要更正的，请联系居住地村（社区）或乡镇（街道）。
          </Typography.Paragraph>
        </Card>
      ) : (
        <RegisterCard data={data} />
      )}
    </PortalLayout>
  );
}

function RegisterCard({ data }: { data: MyVolunteer }) {
  const [form] = Form.useForm<PortalRegisterInput>();
  const client = useQueryClient();
  const { message } = App.useApp();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const p = data.prefill;
  const submit = async () => {
    const v = await form.validateFields();
    setError(null);
    setBusy(true);
    try {
      const answer = await api.post<MyVolunteer>('/api/portal/volunteer', { ...v, skills: v.skills ?? [] });
      client.setQueryData(KEY, answer);
      message.success('注册成功');
    } catch (err) {
      setError(applyServerErrors(form, err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title="注册志愿者" data-testid="portal-volunteer-register">
      <Typography.Paragraph type="secondary">
        以本人实名注册（{p.name}，{p.idNumber}）。注册后平台给您一个志愿者编号，参加活动时使用编号，不使用身份证号。
      </Typography.Paragraph>
      {data.volunteer?.status === 'deregistered' && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={`您曾注册（编号 ${data.volunteer.volunteerNo}，已注销），重新注册后沿用原编号。`}
        />
      )}
      {p.refusal ? (
        <Alert type="warning" showIcon title={p.refusal} data-testid="portal-volunteer-refusal" />
      ) : (
        <Form form={form} layout="vertical" initialValues={{ divisionCode: p.divisionCode ?? undefined, skills: [] }}>
          <Form.Item name="categories" label="愿意参加的服务类别" rules={[{ required: true, message: '请至少选择一个服务类别' }]}>
            <Checkbox.Group options={options(serviceCategories)} className="portal-checks" data-testid="portal-volunteer-categories" />
          </Form.Item>
          <Form.Item name="availableTimes" label="可服务时间" rules={[{ required: true, message: '请至少选择一项可服务时间' }]}>
            <Checkbox.Group options={options(availableTimes)} className="portal-checks" data-testid="portal-volunteer-times" />
          </Form.Item>
          <Form.Item name="skills" label="技能特长（可不填）">
            <Select mode="tags" open={false} tokenSeparators={[',', '，', '、']} placeholder="如：急救、书法，输入后按回车" />
          </Form.Item>
          <Form.Item name="divisionCode" label="居住地（村、社区）" rules={[{ required: true, message: '请选择居住地（村、社区）' }]}>
            <HukouPicker testId="portal-volunteer-division" />
          </Form.Item>
          {error && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={error} data-testid="portal-volunteer-error" />}
          <Button type="primary" block loading={busy} onClick={() => void submit()} data-testid="portal-volunteer-submit">
            注册
          </Button>
        </Form>
      )}
    </Card>
  );
}
