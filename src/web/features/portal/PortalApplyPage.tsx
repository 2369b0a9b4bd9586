import { useState } from 'react';
import { Alert, App, Button, Card, Form, Radio, Space, Spin, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { api, errorMessage } from '../../app/api';
import { assistanceCategories, type AssistanceCategory } from '../../../shared/assistance-codes';
import { ApplicationFields, defaultValues, membersFromPrefill, toApplicationBody, useApplicationForm, type ApplicationValues } from '../assistance/ApplicationFields';
import type { Prefill } from '../assistance/types';
import { PortalLayout } from './PortalLayout';

const explain: Record<AssistanceCategory, string> = {
  dibao: '共同生活的家庭成员人均收入低于当地低保标准，且家庭财产符合规定的，以家庭为单位申请。',
  tekun: '老年人、残疾人或未满 16 周岁的未成年人，无劳动能力、无生活来源，且无法定赡养（抚养、扶养）义务人或义务人无履行能力的，按个人申请。',
  temporary: '因火灾、交通事故、突发重病等意外事件，或医疗、教育等必需支出突然增加，导致基本生活暂时出现严重困难的。',
  borderline: '家庭人均收入高于低保标准、低于低保标准 1.5 倍，且财产符合规定的，认定后可享受医疗、教育、住房等专项救助。',
};

/**
 * 申请救助 (resident): choose the category, check the household the registry knows, declare incomes
 * and assets, sign; the township accepts it or tells at once what is missing (GET 我的申请).
 */
export function PortalApplyPage() {
  const [category, setCategory] = useState<AssistanceCategory | null>(null);
  const navigate = useNavigate();
  const client = useQueryClient();
  const { message } = App.useApp();
  const prefill = useQuery({
    queryKey: ['portal-assistance-prefill', category],
    queryFn: () => api.get<Prefill>(`/api/portal/assistance/prefill?category=${category}`),
    enabled: category !== null,
  });
  const { form, error, busy, send } = useApplicationForm(prefill.data);

  const submit = async () => {
    if (!category || !prefill.data) return;
    const { householdId, applicantPersonId } = prefill.data;
    await send('/api/portal/assistance', (values) => toApplicationBody(category, householdId, { ...values, applicantPersonId }), (created) => {
      message.success(`申请已提交，申请编号 ${created.caseNo}`);
      void client.invalidateQueries({ queryKey: ['portal-assistance'] });
      navigate('/portal/assistance');
    });
  };

  return (
    <PortalLayout>
      <Card size="small" title="申请社会救助">
        <Typography.Paragraph>请选择申请的救助类别。家庭成员信息来自您户籍所在地登记的家庭档案，如有变化请先到乡镇（街道）便民服务中心更正。</Typography.Paragraph>
        <Radio.Group value={category} onChange={(e) => setCategory(e.target.value as AssistanceCategory)} data-testid="portal-category">
          <Space orientation="vertical">
            {(Object.keys(assistanceCategories) as AssistanceCategory[]).map((c) => (
              <Radio key={c} value={c}>
                <b>{assistanceCategories[c]}</b> <span className="hint">{explain[c]}</span>
              </Radio>
            ))}
          </Space>
        </Radio.Group>
      </Card>
      {category !== null &&
        (prefill.error ? (
          <Alert className="section-gap" type="warning" showIcon title={errorMessage(prefill.error, '无法读取您的家庭信息')} data-testid="portal-prefill-error" />
        ) : !prefill.data ? (
          <Spin style={{ display: 'block', margin: 40 }} />
        ) : (
          <Form<ApplicationValues> form={form} layout="vertical" initialValues={{ ...defaultValues, ...membersFromPrefill(prefill.data) }} onFinish={submit} scrollToFirstError>
            <ApplicationFields category={category} mode="portal" />
            {error && <Alert type="error" showIcon title={error} style={{ marginTop: 16 }} data-testid="portal-apply-error" />}
            <Space style={{ marginTop: 16 }}>
              <Button type="primary" htmlType="submit" loading={busy} data-testid="portal-apply-submit">提交申请</Button>
              <Button onClick={() => navigate('/portal')}>取消</Button>
            </Space>
            <Typography.Paragraph type="secondary" style={{ marginTop: 12, fontSize: 12 }}>
              提交后，乡镇（街道）在 3 个工作日内受理，材料不全的会一次性告知需补正的内容，您可在“我的申请”中查看进度。
            </Typography.Paragraph>
          </Form>
        ))}
    </PortalLayout>
  );
}
