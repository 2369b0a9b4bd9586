import { useState } from 'react';
import { Button, Card, Descriptions, Form, Input, Space, Spin, Table } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import { api, dateTime, errorMessage } from '../../app/api';
import { useCan } from '../../app/auth';
import { useSubmit } from '../../app/forms';
import { PageHeader } from '../../app/list';
import { NotFoundResult } from '../../app/Results';
import { FormDialog } from '../../components/FormDialog';
import { sexes } from '../../../shared/registry-codes';
import type { CorrectInput, DeregisterInput, VolunteerDetail } from '../../../shared/volunteers/volunteers';
import { ChoiceFields } from './ChoiceFields';
import { StatusTag } from './VolunteersPage';

type History = VolunteerDetail['history'][number];

/** A volunteer: the registry's facts, their choices, a minor's guardian's consent, the history, and 更正 / 注销. */
export function VolunteerPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const client = useQueryClient();
  const can = useCan();
  const [dialog, setDialog] = useState<'correct' | 'deregister' | null>(null);
  const key = ['volunteer', id];
  const { data, error, isLoading } = useQuery({ queryKey: key, queryFn: () => api.get<VolunteerDetail>(`/api/volunteers/${id}`) });
  if (error) return <NotFoundResult title={errorMessage(error)} back="/volunteers" backLabel="返回志愿者名单" />;
  if (isLoading || !data) return <Spin />;
  const reload = () => {
    void client.invalidateQueries({ queryKey: key });
    void client.invalidateQueries({ queryKey: ['volunteers'] });
  };
  const active = data.status === 'registered';
  return (
    <div>
      <PageHeader
        title={`志愿者：${data.name}`}
        sub={`志愿者编号 ${data.volunteerNo}`}
        extra={
          <Space>
            {active && can('volunteers.register') && (
              <>
                <Button onClick={() => setDialog('correct')} data-testid="volunteer-correct">
                  更正信息
                </Button>
                <Button danger onClick={() => setDialog('deregister')} data-testid="volunteer-deregister">
                  注销
                </Button>
              </>
            )}
            <Button onClick={() => navigate(-1)}>返回</Button>
          </Space>
        }
      />
      <Card size="small">
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label="状态">
            <StatusTag status={data.status} name={data.statusName} />
          </Descriptions.Item>
          <Descriptions.Item label="志愿者编号">{data.volunteerNo}</Descriptions.Item>
          <Descriptions.Item label="身份证号">{data.idNumber}</Descriptions.Item>
          <Descriptions.Item label="性别">{data.sex ? sexes[data.sex] : ''}</Descriptions.Item>
          <Descriptions.Item label="年龄">{data.age === null ? '不详' : `${data.age} 周岁`}</Descriptions.Item>
          <Descriptions.Item label="居住地">{data.divisionName}</Descriptions.Item>
          <Descriptions.Item label="服务类别">{data.categoryNames.join('、')}</Descriptions.Item>
          <Descriptions.Item label="可服务时间">{data.availableTimeNames.join('、')}</Descriptions.Item>
          <Descriptions.Item label="技能特长">{data.skills.join('、') || '（未填写）'}</Descriptions.Item>
          <Descriptions.Item label="志愿服务组织">{data.organisationName ?? '（未加入组织）'}</Descriptions.Item>
          <Descriptions.Item label="登记渠道">{data.sourceName}</Descriptions.Item>
          <Descriptions.Item label="注册日期">{data.registeredOn}</Descriptions.Item>
          {data.deregisteredOn && <Descriptions.Item label="注销日期">{data.deregisteredOn}</Descriptions.Item>}
          {data.deregisterReason && <Descriptions.Item label="注销原因">{data.deregisterReason}</Descriptions.Item>}
          {data.consent && (
            <Descriptions.Item label="监护人同意">
              <span data-testid="volunteer-consent">
                {data.consent.guardianName}，{data.consent.methodName}，{data.consent.consentedOn}
              </span>
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <Card size="small" title="办理记录" style={{ marginTop: 16 }}>
        <Table<History>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={data.history}
          columns={[
            { title: '时间', dataIndex: 'at', render: (v: string) => dateTime(v) },
            { title: '事项', dataIndex: 'actionName' },
            { title: '内容', dataIndex: 'changes', render: (c: string[]) => c.join('；') },
            { title: '办理人', dataIndex: 'actorName' },
            { title: '原因', dataIndex: 'reason' },
          ]}
        />
      </Card>
      {dialog === 'correct' && <CorrectDialog detail={data} onDone={reload} onClose={() => setDialog(null)} />}
      {dialog === 'deregister' && <DeregisterDialog detail={data} onDone={reload} onClose={() => setDialog(null)} />}
    </div>
  );
}

function CorrectDialog({ detail, onDone, onClose }: { detail: VolunteerDetail; onDone: () => void; onClose: () => void }) {
  const [form] = Form.useForm<Omit<CorrectInput, 'version'>>();
  const { error, busy, run } = useSubmit(onDone, onClose);
  const submit = async () => {
    const v = await form.validateFields();
    await run(
      form,
      () => api.patch(`/api/volunteers/${detail.id}`, { ...v, organisationId: v.organisationId ?? null, version: detail.version }),
      '已更正',
    );
  };
  return (
    <FormDialog
      title="更正志愿者信息"
      testId="volunteer-correct-dialog"
      confirm="保存更正"
      busy={busy}
      error={error}
      intro="姓名、身份证号、出生日期以人口库为准，如有错误请在人口库中更正；这里更正志愿者本人的服务意向。更正记入办理记录。"
      onClose={onClose}
      onOk={() => void submit()}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          categories: detail.categories,
          availableTimes: detail.availableTimes,
          skills: detail.skills,
          divisionCode: detail.divisionCode,
          organisationId: detail.organisationId ?? undefined,
        }}
      >
        <ChoiceFields />
        <Form.Item name="reason" label="更正原因">
          <Input maxLength={200} placeholder="如：本人申请调整服务类别" />
        </Form.Item>
      </Form>
    </FormDialog>
  );
}

function DeregisterDialog({ detail, onDone, onClose }: { detail: VolunteerDetail; onDone: () => void; onClose: () => void }) {
  const [form] = Form.useForm<Omit<DeregisterInput, 'version'>>();
  const { error, busy, run } = useSubmit(onDone, onClose);
  const submit = async () => {
    const v = await form.validateFields();
    await run(form, () => api.post(`/api/volunteers/${detail.id}/deregister`, { ...v, version: detail.version }), '已注销');
  };
  return (
    <FormDialog
      title="注销志愿者"
      testId="volunteer-deregister-dialog"
      confirm="注销"
      danger
      busy={busy}
      error={error}
      intro={`注销后 ${detail.volunteerNo} 不再在册；本人以后重新注册的，沿用原编号。注销原因记入办理记录。`}
      onClose={onClose}
      onOk={() => void submit()}
    >
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label="注销原因" rules={[{ required: true, message: '请填写注销原因' }]}>
          <Input.TextArea rows={3} maxLength={200} placeholder="如：本人申请退出" />
        </Form.Item>
      </Form>
    </FormDialog>
  );
}
