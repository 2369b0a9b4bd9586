import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Radio, Select, Space, Spin, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { api, errorMessage } from '../../app/api';
import { assistanceCategories, type AssistanceCategory } from '../../../shared/assistance-codes';
import { hukouTypes, relations } from '../../../shared/registry-codes';
import {
  ApplicationFields,
  defaultValues,
  membersFromPrefill,
  toApplicationBody,
  useApplicationForm,
  type ApplicationValues,
} from '../assistance/cases/ApplicationFields';
import type { Prefill } from '../../../shared/assistance/applications';
import type { NewHouseholdPrefill, PortalPrefill } from '../../../shared/assistance/portal';
import { idNumberRule, personNameRule } from '../registry/PersonFields';
import { PortalLayout } from './PortalLayout';

const explain: Record<AssistanceCategory, string> = {
  dibao: '共同生活的家庭成员人均收入低于当地低保标准，且家庭财产符合规定的，以家庭为单位申请。',
  tekun:
    '老年人、残疾人或未满 16 周岁的未成年人，无劳动能力、无生活来源，且无法定赡养（抚养、扶养）义务人或义务人无履行能力的，按个人申请。',
  temporary: '因火灾、交通事故、突发重病等意外事件，或医疗、教育等必需支出突然增加，导致基本生活暂时出现严重困难的。',
  borderline: '家庭人均收入高于低保标准、低于低保标准 1.5 倍，且财产符合规定的，认定后可享受医疗、教育、住房等专项救助。',
};

/** A member of the household being proposed, as the form holds it (the application's fields beside). */
interface ProposedMemberValues {
  self?: boolean;
  personId?: number;
  name?: string;
  idNumber?: string;
  idNumberMasked?: string | null;
  relation?: string;
  covered?: boolean;
  incomes?: unknown[];
}

type NewHouseholdValues = ApplicationValues & {
  address?: string;
  hukouType?: 'urban' | 'rural';
  members: (ApplicationValues['members'][number] & ProposedMemberValues)[];
};

const relationOptions = Object.entries(relations).map(([value, label]) => ({ value, label }));

/**
 * 申请救助 (resident): choose the category, check the household the registry knows (or, where it
 * knows none, give it: address and members by name, ID number and relation, the resident first),
 * declare incomes and assets, sign; the township accepts it (registering a household given here)
 * or tells at once what is missing (GET 我的申请).
 */
export function PortalApplyPage() {
  const [category, setCategory] = useState<AssistanceCategory | null>(null);
  const navigate = useNavigate();
  const client = useQueryClient();
  const { message } = App.useApp();
  const prefill = useQuery({
    queryKey: ['portal-assistance-prefill', category],
    queryFn: () => api.get<PortalPrefill>(`/api/portal/assistance/prefill?category=${category}`),
    enabled: category !== null,
  });
  const proposal = prefill.data && prefill.data.householdId === null ? (prefill.data as NewHouseholdPrefill) : null;
  const registered = prefill.data && prefill.data.householdId !== null ? (prefill.data as Prefill) : undefined;
  const { form, error, setError, busy, send } = useApplicationForm(registered);

  const done = (created: { caseNo: string }) => {
    message.success(`申请已提交，申请编号 ${created.caseNo}`);
    void client.invalidateQueries({ queryKey: ['portal-assistance'] });
    void navigate('/portal/assistance');
  };

  const submit = async () => {
    if (!category || !prefill.data) return;
    if (registered) {
      const { householdId, applicantPersonId } = registered;
      await send('/api/portal/assistance', (values) => toApplicationBody(category, householdId, { ...values, applicantPersonId }), done);
      return;
    }
    const values = form.getFieldsValue(true) as NewHouseholdValues;
    const heads = values.members.filter((m) => m.relation === 'head').length;
    if (heads !== 1) {
      setError(heads === 0 ? '请在家庭成员中指定一名户主' : '一个家庭只能有一名户主，请修改与户主的关系');
      return;
    }
    await send('/api/portal/assistance/new-household', (v) => newHouseholdBody(category, v as NewHouseholdValues), done);
  };

  return (
    <PortalLayout>
      <Card size="small" title="申请社会救助">
        <Typography.Paragraph>
          请选择申请的救助类别。家庭已登记的，家庭成员信息来自户籍所在地登记的家庭档案，如有变化请先到乡镇（街道）便民服务中心更正；尚未登记的，可在下面一并填写。
        </Typography.Paragraph>
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
          <Alert
            className="section-gap"
            type="warning"
            showIcon
            title={errorMessage(prefill.error, '无法读取您的家庭信息')}
            data-testid="portal-prefill-error"
          />
        ) : !prefill.data ? (
          <Spin style={{ display: 'block', margin: 40 }} />
        ) : (
          <Form<ApplicationValues>
            key={proposal ? 'new-household' : 'registered'}
            form={form}
            layout="vertical"
            initialValues={
              proposal
                ? {
                    ...defaultValues,
                    address: '',
                    hukouType: proposal.newHousehold.hukouType,
                    applicantPersonId: proposal.applicantPersonId,
                    members: proposal.members.map((m) => ({ ...m })),
                  }
                : { ...defaultValues, ...membersFromPrefill(registered!) }
            }
            onFinish={submit}
            scrollToFirstError
          >
            {proposal && <NewHouseholdFields proposal={proposal} />}
            <ApplicationFields category={category} mode="portal" />
            {error && <Alert type="error" showIcon title={error} style={{ marginTop: 16 }} data-testid="portal-apply-error" />}
            <Space wrap style={{ marginTop: 16 }}>
              <Button type="primary" htmlType="submit" size="large" loading={busy} data-testid="portal-apply-submit">
                提交申请
              </Button>
              <Button size="large" onClick={() => navigate('/portal')}>
                取消
              </Button>
            </Space>
            <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
              提交后，乡镇（街道）在 3 个工作日内受理，材料不全的会一次性告知需补正的内容，您可在“我的申请”中查看进度。
            </Typography.Paragraph>
          </Form>
        ))}
    </PortalLayout>
  );
}

/** The body of POST /api/portal/assistance/new-household: the application, the members by name and ID number. */
function newHouseholdBody(category: AssistanceCategory, v: NewHouseholdValues) {
  const { householdId: _h, applicantPersonId: _a, members, ...application } = toApplicationBody(category, 0, v);
  return {
    ...application,
    address: v.address?.trim() ?? '',
    hukouType: v.hukouType,
    members: members.map(({ personId: _p, ...declared }, i) => {
      const m = v.members[i];
      return { ...(m.self ? { self: true } : { name: m.name?.trim(), idNumber: m.idNumber }), relation: m.relation, ...declared };
    }),
  };
}

/**
 * 家庭信息, for a household the registry does not have: its village (the resident's own hukou),
 * address and hukou type, and the members who live together, the resident first (from their own
 * record); the others by name, ID number and relation to the head.
 */
function NewHouseholdFields({ proposal }: { proposal: NewHouseholdPrefill }) {
  const form = Form.useFormInstance<NewHouseholdValues>();
  const members = (Form.useWatch('members', { form, preserve: true }) ?? []) as ProposedMemberValues[];
  const add = () =>
    form.setFieldValue('members', [
      ...(form.getFieldValue('members') as ProposedMemberValues[]),
      { name: '', idNumber: '', relation: undefined, covered: true, incomes: [] },
    ]);
  const remove = (i: number) =>
    form.setFieldValue(
      'members',
      (form.getFieldValue('members') as ProposedMemberValues[]).filter((_, j) => j !== i),
    );
  return (
    <Card size="small" title="家庭信息" className="section-gap" data-testid="portal-new-household">
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title="您的家庭尚未在人口与家庭库中登记"
        description="请填写家庭住址和共同生活的家庭成员。乡镇（街道）受理申请时会核实这些信息，并为您的家庭登记。"
      />
      <Form.Item label="所在村（社区）" extra="即您的户籍地；如有误，请联系乡镇（街道）工作人员更正。">
        <span data-testid="portal-new-household-division">{proposal.newHousehold.divisionName ?? proposal.newHousehold.divisionCode}</span>
      </Form.Item>
      <Form.Item
        name="address"
        label="家庭住址"
        rules={[
          { required: true, whitespace: true, message: '请填写家庭住址' },
          { min: 2, message: '请填写家庭住址' },
        ]}
      >
        <Input maxLength={200} placeholder="如：航运新村 12 号楼 3 单元 101" data-testid="household-address" />
      </Form.Item>
      <Form.Item name="hukouType" label="户口类型" rules={[{ required: true, message: '请选择户口类型（城镇或农村）' }]}>
        <Radio.Group
          optionType="button"
          options={Object.entries(hukouTypes).map(([value, label]) => ({ value, label }))}
          data-testid="household-hukouType"
        />
      </Form.Item>
      <div className="hint" style={{ marginBottom: 8 }}>
        家庭成员（共同生活的配偶、子女、父母等）
      </div>
      {members.map((m, i) => (
        <div key={i} className="portal-record" data-testid={`household-member-${i}`}>
          {m.self ? (
            <div className="portal-record-title">
              本人：{m.name}（{m.idNumberMasked}）
            </div>
          ) : (
            <div style={{ display: 'flex', flexWrap: 'wrap', justifyContent: 'space-between', alignItems: 'center', gap: 8 }}>
              <span className="portal-record-title">第 {i + 1} 位成员</span>
              <Button danger onClick={() => remove(i)} data-testid={`household-member-${i}-remove`}>
                删除此成员
              </Button>
            </div>
          )}
          {!m.self && (
            <>
              <Form.Item
                name={['members', i, 'name']}
                label="姓名"
                rules={[{ required: true, whitespace: true, message: '请填写姓名' }, personNameRule]}
                style={{ marginBottom: 8 }}
              >
                <Input maxLength={50} data-testid={`household-member-${i}-name`} />
              </Form.Item>
              <Form.Item
                name={['members', i, 'idNumber']}
                label="身份证号"
                validateFirst
                rules={[{ required: true, message: '请填写身份证号' }, idNumberRule]}
                normalize={(v: string) => v?.replace(/\s+/g, '').toUpperCase()}
                style={{ marginBottom: 8 }}
              >
                <Input maxLength={18} autoComplete="off" inputMode="text" data-testid={`household-member-${i}-idNumber`} />
              </Form.Item>
            </>
          )}
          <Form.Item
            name={['members', i, 'relation']}
            label={m.self ? '您与户主的关系' : '与户主的关系'}
            rules={[{ required: true, message: '请选择与户主的关系' }]}
            style={{ marginBottom: 0 }}
          >
            <Select
              options={relationOptions}
              placeholder="请选择"
              aria-label="与户主的关系"
              data-testid={`household-member-${i}-relation`}
            />
          </Form.Item>
        </div>
      ))}
      <Button onClick={add} style={{ marginTop: 12 }} data-testid="household-member-add">
        ＋ 添加家庭成员
      </Button>
    </Card>
  );
}
