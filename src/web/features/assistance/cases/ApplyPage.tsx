import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Empty, Form, Input, Radio, Space, Spin, Table, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router';
import { api, errorMessage, qs, type Page } from '../../../app/api';
import { PageHeader } from '../../../app/list';
import { parseResidentId } from '../../../../shared/validation/resident-id';
import { assistanceCategories, type AssistanceCategory } from '../../../../shared/assistance-codes';
import type { HouseholdDetail, HouseholdRow } from '../../../../shared/registry/households';
import {
  ApplicationFields,
  defaultValues,
  membersFromPrefill,
  toApplicationBody,
  useApplicationForm,
  type ApplicationValues,
} from './ApplicationFields';
import { shortDivision } from './caseColumns';
import type { Prefill } from '../../../../shared/assistance/applications';

/**
 * 窗口受理: pick the household from the registry, choose the category, check the members the
 * registry pre-fills and record incomes, assets and the declarations; the case is accepted at once
 * and its deadlines start. `?householdId=` pre-selects a household.
 */
export function ApplyPage() {
  const [params, setParams] = useSearchParams();
  const householdId = Number(params.get('householdId')) || null;
  const [category, setCategory] = useState<AssistanceCategory | null>((params.get('category') as AssistanceCategory | null) ?? null);
  const navigate = useNavigate();
  const client = useQueryClient();
  const { message } = App.useApp();

  const household = useQuery({
    queryKey: ['household', String(householdId)],
    queryFn: () => api.get<HouseholdDetail>(`/api/households/${householdId}`),
    enabled: householdId !== null,
  });
  const prefill = useQuery({
    queryKey: ['assistance-prefill', householdId, category],
    queryFn: () => api.get<Prefill>(`/api/assistance/prefill${qs({ householdId, category })}`),
    enabled: householdId !== null && category !== null,
  });
  // A new household or category: the members and their known incomes come from the registry again.
  const { form, error, setError, busy, send } = useApplicationForm(prefill.data);

  const pick = (id: number | null) => {
    const next = new URLSearchParams(params);
    if (id) next.set('householdId', String(id));
    else next.delete('householdId');
    setParams(next, { replace: true });
    setError(null);
  };

  const submit = async () => {
    if (!householdId || !category) return;
    await send(
      '/api/assistance/cases',
      (values) => toApplicationBody(category, householdId, values),
      (created) => {
        message.success(`已受理，申请编号 ${created.caseNo}`);
        void client.invalidateQueries({ queryKey: ['assistance-worklist'] });
        void client.invalidateQueries({ queryKey: ['assistance-cases'] });
        void navigate(`/assistance/cases/${created.id}`);
      },
    );
  };

  return (
    <div style={{ maxWidth: 1120 }}>
      <PageHeader
        title="窗口受理"
        sub="一门受理：选择申请家庭和救助类别，核对家庭成员，登记收入、财产和申请理由。提交后即为已受理，开始计算办理期限。"
      />
      <Card
        size="small"
        title="第一步：选择申请家庭"
        extra={
          householdId !== null ? (
            <Button size="small" onClick={() => pick(null)} data-testid="apply-household-change">
              重新选择
            </Button>
          ) : null
        }
      >
        {householdId === null ? (
          <HouseholdSearch onPick={pick} />
        ) : household.error ? (
          <Alert
            type="error"
            showIcon
            title={errorMessage(household.error)}
            action={<Button onClick={() => pick(null)}>重新选择</Button>}
          />
        ) : !household.data ? (
          <Spin />
        ) : (
          <Descriptions
            size="small"
            bordered
            column={{ xs: 1, md: 3 }}
            data-testid="apply-household"
            items={[
              { key: 'no', label: '户编号', children: household.data.householdNo },
              { key: 'head', label: '户主', children: household.data.headName },
              { key: 'n', label: '人数', children: `${household.data.memberCount} 人` },
              { key: 'div', label: '所在地', span: { xs: 1, md: 2 }, children: shortDivision(household.data.divisionName) },
              { key: 'addr', label: '住址', children: household.data.address },
            ]}
          />
        )}
      </Card>
      <Card size="small" title="第二步：救助类别" className="section-gap">
        <Radio.Group
          value={category}
          onChange={(e) => setCategory(e.target.value as AssistanceCategory)}
          optionType="button"
          buttonStyle="solid"
          options={Object.entries(assistanceCategories).map(([value, label]) => ({ value, label }))}
          data-testid="apply-category"
        />
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          低保以家庭为单位申请；特困人员按个人认定；临时救助分急难型和支出型；低保边缘家庭认定后享受专项救助。
        </Typography.Paragraph>
      </Card>
      {householdId !== null &&
        category !== null &&
        (prefill.error ? (
          <Alert className="section-gap" type="error" showIcon title={errorMessage(prefill.error, '无法读取家庭成员')} />
        ) : !prefill.data ? (
          <Spin style={{ display: 'block', margin: 40 }} />
        ) : (
          <Form<ApplicationValues>
            form={form}
            layout="vertical"
            initialValues={{ ...defaultValues, ...membersFromPrefill(prefill.data) }}
            onFinish={submit}
            scrollToFirstError
          >
            <ApplicationFields category={category} mode="window" />
            {error && <Alert type="error" showIcon title={error} style={{ marginTop: 16 }} data-testid="apply-error" />}
            <Space style={{ marginTop: 16 }}>
              <Button type="primary" htmlType="submit" loading={busy} data-testid="apply-submit">
                提交并受理
              </Button>
              <Button onClick={() => navigate(-1)}>取消</Button>
            </Space>
          </Form>
        ))}
    </div>
  );
}

/** Finds a household by the head's name or any member's ID number (GET /api/households). */
function HouseholdSearch({ onPick }: { onPick: (id: number) => void }) {
  const [query, setQuery] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const found = useQuery({
    queryKey: ['households', 'apply-search', query],
    queryFn: () => {
      const id = parseResidentId(query!);
      return api.get<Page<HouseholdRow>>(
        `/api/households${qs(id.ok ? { idNumber: id.idNumber, pageSize: 10 } : { headName: query, pageSize: 10 })}`,
      );
    },
    enabled: Boolean(query),
  });
  const search = (raw: string) => {
    const v = raw.replace(/\s+/g, '').toUpperCase();
    setProblem(null);
    if (!v) return setQuery(null);
    if (/^\d{15,17}[\dX]?$/.test(v) && !parseResidentId(v).ok)
      return setProblem(`身份证号${(parseResidentId(v) as { message: string }).message}`);
    setQuery(v);
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Input.Search
        placeholder="户主姓名，或任一家庭成员的 18 位身份证号"
        enterButton="查找家庭"
        allowClear
        maxLength={18}
        onSearch={search}
        loading={found.isFetching}
        style={{ maxWidth: 520 }}
        data-testid="apply-household-search"
      />
      {problem && <Alert type="warning" showIcon title={problem} />}
      {found.error && <Alert type="error" showIcon title={errorMessage(found.error, '查找失败')} />}
      {query && found.data && (
        <Table<HouseholdRow>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={found.data.items}
          locale={{
            emptyText: <Empty description="管辖范围内没有找到该家庭。请核对姓名或身份证号；尚未登记的家庭请先在“家庭档案”中登记。" />,
          }}
          columns={[
            { title: '户编号', dataIndex: 'householdNo' },
            { title: '户主', dataIndex: 'headName' },
            { title: '人数', dataIndex: 'memberCount', align: 'right', width: 64 },
            { title: '所在地', dataIndex: 'divisionName', render: (v: string | null) => shortDivision(v) },
            { title: '住址', dataIndex: 'address' },
            {
              title: '',
              key: 'pick',
              width: 80,
              render: (_: unknown, r) => (
                <Button type="primary" size="small" onClick={() => onPick(r.id)} data-testid="apply-household-pick">
                  选择
                </Button>
              ),
            },
          ]}
        />
      )}
    </Space>
  );
}
