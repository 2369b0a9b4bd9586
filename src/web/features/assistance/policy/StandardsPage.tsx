import { useState } from 'react';
import { Alert, Button, Card, Col, DatePicker, Form, Input, InputNumber, Row, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { api, errorMessage } from '../../../app/api';
import { useCan } from '../../../app/auth';
import { applyServerErrors } from '../../../app/forms';
import { PageHeader } from '../../../app/list';
import {
  assistanceCategories,
  incomeKinds,
  noticeCategories,
  parameterKeys,
  standardHukouTypes,
  standardKinds,
  type ParameterKey,
  type StandardKind,
} from '../../../../shared/assistance-codes';
import { benefitTypes } from '../../../../shared/registry-codes';
import { monthLabel } from '../../../../shared/dates';
import { parseYuan, yuan } from '../../../../shared/money';
import { useCounties } from '../../../app/counties';
import { nextMonth, toMonth } from '../../../app/months';
import { Money } from '../../../components/Money';
import { JobProgress } from '../../../components/JobProgress';
import { VisitFrequencySection } from './VisitFrequencySection';
import type { PolicyValue, PolicyValueSaved } from '../../../../shared/policy/values';
import {
  parameterPolicyKind,
  parametersOf,
  standardPolicyKind,
  standardsOf,
  type Parameter,
  type Standard,
  type StandardHukouType,
} from '../../../../shared/assistance/policy';

const options = (o: Record<string, string>) => Object.entries(o).map(([value, label]) => ({ value, label }));
const thisMonth = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);

/**
 * Marks each dated row: 现行 (the latest in force this month for its kind, city/county and
 * urban/rural), 待生效 (a later month), or nothing (superseded).
 */
function markInForce<T extends { effectiveMonth: string }>(list: T[], group: (r: T) => string): Map<T, '现行' | '待生效' | null> {
  const now = thisMonth();
  const best = new Map<string, T>();
  for (const r of list) {
    if (r.effectiveMonth > now) continue;
    const b = best.get(group(r));
    if (!b || r.effectiveMonth > b.effectiveMonth) best.set(group(r), r);
  }
  return new Map(list.map((r) => [r, r.effectiveMonth > now ? '待生效' : best.get(group(r)) === r ? '现行' : null]));
}

const flagTag = (f: '现行' | '待生效' | null | undefined) =>
  f === '现行' ? <Tag color="green">现行</Tag> : f === '待生效' ? <Tag color="blue">待生效</Tag> : <span className="hint">已被取代</span>;

/** Social assistance's dated values on the platform (src/server/platform/policy). */
const VALUES = '/api/policy/assistance/values';

/**
 * 救助标准: the standards (per person per month, dated), the policy parameters and the interval of
 * 分散供养特困人员探访 (VisitFrequencySection), read from the platform's dated policy. Entering a new
 * standard or parameter starts the recomputation of every entitlement in force from its month; its
 * progress shows.
 */
export function StandardsPage() {
  const can = useCan();
  const counties = useCounties();
  const countyName = (code: string) => (code ? (counties.data?.find((c) => c.code === code)?.name ?? code) : '全市');
  const values = useQuery({ queryKey: ['policy-values', 'assistance'], queryFn: () => api.get<PolicyValue[]>(VALUES) });
  const [editing, setEditing] = useState<Parameter | null>(null);

  const sList = values.data ? standardsOf(values.data) : [];
  const sFlags = markInForce(sList, (s) => `${s.kind}|${s.hukouType}|${s.countyCode}`);
  // One cell per kind: the first row of a kind spans its rows (the list comes sorted by kind).
  const kindSpans = sList.map((s, i) => {
    if (i > 0 && sList[i - 1].kind === s.kind) return 0;
    let n = 1;
    while (i + n < sList.length && sList[i + n].kind === s.kind) n++;
    return n;
  });
  const pList = values.data ? parametersOf(values.data) : [];
  const pFlags = markInForce(pList, (p) => `${p.key}|${p.countyCode}`);

  return (
    <div>
      <PageHeader
        title="救助标准"
        sub="标准和政策参数按生效月份保存：核算每个月的待遇时使用当月有效的值；县（市、区）单独设定的优先于全市统一的。新增或调整后，系统自动重算生效月份起的在享待遇。"
      />
      {can('assistance.standards') && <AddStandard countyName={countyName} onAdded={() => void values.refetch()} />}
      <Card size="small" title="救助标准（元/人·月）" className={can('assistance.standards') ? 'section-gap' : undefined}>
        {values.error ? (
          <Alert type="error" showIcon title={errorMessage(values.error)} />
        ) : (
          <Table<Standard>
            rowKey="id"
            size="small"
            bordered
            loading={values.isLoading}
            dataSource={sList}
            pagination={false}
            scroll={{ x: 'max-content' }}
            data-testid="standards-table"
            locale={{ emptyText: '还没有救助标准。请先新增低保、特困等标准，否则无法核算救助金额。' }}
            columns={[
              {
                title: '标准类别',
                dataIndex: 'kindName',
                onCell: (_, i = 0) => ({ rowSpan: kindSpans[i] }),
                render: (v: string) => <b>{v}</b>,
              },
              { title: '城乡', dataIndex: 'hukouTypeName', width: 90 },
              { title: '适用地区', dataIndex: 'countyCode', width: 110, render: countyName },
              { title: '生效月份', dataIndex: 'effectiveMonth', width: 110, render: monthLabel },
              { title: '标准', dataIndex: 'amountFen', align: 'right', width: 120, render: (v: number) => <Money fen={v} /> },
              { title: '', key: 'flag', width: 90, render: (_: unknown, r) => flagTag(sFlags.get(r)) },
              { title: '依据或说明', dataIndex: 'note', ellipsis: true },
            ]}
          />
        )}
      </Card>

      <Card size="small" title="政策参数" className="section-gap">
        {values.error ? (
          <Alert type="error" showIcon title={errorMessage(values.error)} />
        ) : (
          <>
            {can('assistance.standards') &&
              (editing ? (
                <EditParameter
                  key={`${editing.key}|${editing.countyCode}`}
                  parameter={editing}
                  countyName={countyName}
                  onClose={() => setEditing(null)}
                  onSaved={() => void values.refetch()}
                />
              ) : (
                <Typography.Paragraph type="secondary">
                  数值和是否类的参数可点击“调整”录入新值；其他参数（名单类）请联系系统管理员调整。
                </Typography.Paragraph>
              ))}
            <Table<Parameter>
              rowKey="id"
              size="small"
              loading={values.isLoading}
              dataSource={pList}
              pagination={false}
              scroll={{ x: 'max-content' }}
              data-testid="parameters-table"
              columns={[
                { title: '参数', dataIndex: 'name', width: 300 },
                { title: '适用地区', dataIndex: 'countyCode', width: 110, render: countyName },
                { title: '生效月份', dataIndex: 'effectiveMonth', width: 110, render: monthLabel },
                {
                  title: '取值',
                  key: 'value',
                  render: (_: unknown, r) => <span data-testid="parameter-value">{readable(r.key as ParameterKey, r.value)}</span>,
                },
                { title: '', key: 'flag', width: 90, render: (_: unknown, r) => flagTag(pFlags.get(r)) },
                ...(can('assistance.standards')
                  ? [
                      {
                        title: '',
                        key: 'op',
                        width: 70,
                        fixed: 'right' as const,
                        render: (_: unknown, r: Parameter) =>
                          specOf(r.key, r.value) && pFlags.get(r) === '现行' ? (
                            <Button type="link" size="small" onClick={() => setEditing(r)}>
                              调整
                            </Button>
                          ) : null,
                      },
                    ]
                  : []),
              ]}
            />
          </>
        )}
      </Card>

      {!values.error && (
        <VisitFrequencySection
          values={values.data ?? []}
          loading={values.isLoading}
          canEnter={can('assistance.standards')}
          countyName={countyName}
          onSaved={() => void values.refetch()}
        />
      )}
    </div>
  );
}

function AddStandard({ countyName, onAdded }: { countyName: (code: string) => string; onAdded: () => void }) {
  const [form] = Form.useForm<{
    kind: string;
    hukouType: string;
    countyCode: string;
    effectiveMonth: Dayjs;
    amountYuan: number;
    note?: string;
  }>();
  const counties = useCounties();
  const [jobId, setJobId] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (v: {
    kind: string;
    hukouType: string;
    countyCode: string;
    effectiveMonth: Dayjs;
    amountYuan: number;
    note?: string;
  }) => {
    setError(null);
    setBusy(true);
    try {
      const r = await api.post<PolicyValueSaved>(VALUES, {
        kind: standardPolicyKind(v.kind as StandardKind, v.hukouType as StandardHukouType),
        countyCode: v.countyCode ?? '',
        effectiveMonth: toMonth(v.effectiveMonth),
        value: parseYuan(v.amountYuan),
        note: v.note?.trim() || undefined,
      });
      setJobId(r.jobId);
      onAdded();
    } catch (e) {
      setError(applyServerErrors(form, e, { value: 'amountYuan' }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title="新增标准">
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ hukouType: 'urban', countyCode: '', effectiveMonth: nextMonth() }}
      >
        <Row gutter={12}>
          <Col xs={24} md={7}>
            <Form.Item name="kind" label="标准类别" rules={[{ required: true, message: '请选择标准类别' }]}>
              <Select options={options(standardKinds)} placeholder="请选择" data-testid="standard-kind" />
            </Form.Item>
          </Col>
          <Col xs={12} md={3}>
            <Form.Item name="hukouType" label="城乡" rules={[{ required: true }]}>
              <Select options={options(standardHukouTypes)} data-testid="standard-hukou" />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item name="countyCode" label="适用地区">
              <Select
                options={[{ value: '', label: '全市统一' }, ...(counties.data ?? []).map((c) => ({ value: c.code, label: c.name }))]}
                data-testid="standard-county"
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item name="effectiveMonth" label="生效月份" rules={[{ required: true, message: '请选择生效月份' }]}>
              <DatePicker picker="month" style={{ width: '100%' }} allowClear={false} data-testid="standard-month" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="amountYuan" label="标准（每人每月）" rules={[{ required: true, message: '请填写标准' }]}>
              <InputNumber min={0.01} max={100_000} precision={2} suffix="元" style={{ width: '100%' }} data-testid="standard-amount" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="note" label="依据（文件名称和文号）">
          <Input maxLength={200} placeholder="如：济宁市民政局 济宁市财政局关于提高城乡低保标准的通知" />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="standard-submit">
            保存并重算
          </Button>
          <span className="hint">保存后，自生效月份起的在享低保、特困待遇将按新标准自动重算并记录调整历史。</span>
        </Space>
      </Form>
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 8 }} />}
      {jobId !== null && (
        <div style={{ marginTop: 12, maxWidth: 640 }}>
          <JobProgress
            jobId={jobId}
            label={`标准已保存（${countyName(form.getFieldValue('countyCode') ?? '')}），正在重算在享待遇……`}
            describe={recomputeResult}
          />
        </div>
      )}
    </Card>
  );
}

const recomputeResult = (r: Record<string, unknown>) =>
  `重算完成：核对 ${Number(r.checked ?? 0)} 户（人）在享待遇，其中 ${Number(r.changed ?? 0)} 户（人）金额调整，自 ${monthLabel(String(r.month ?? ''))} 起执行。`;

/** The parameters an administrator edits here: a number, an amount or yes/no. */
const simple: Partial<
  Record<ParameterKey, { kind: 'number' | 'int' | 'fen' | 'percent' | 'boolean'; unit?: string; min?: number; max?: number; step?: number }>
> = {
  borderline_factor: { kind: 'number', unit: '倍', min: 1, max: 3, step: 0.1 },
  employment_cost_deduction_fen: { kind: 'fen', unit: '元', min: 0, max: 10_000 },
  rigid_cost_deduction: { kind: 'boolean' },
  deposit_limit_months: { kind: 'int', unit: '个月', min: 0, max: 240 },
  vehicle_limit: { kind: 'int', unit: '辆', min: 0, max: 10 },
  extra_house_limit: { kind: 'int', unit: '套', min: 0, max: 10 },
  temporary_township_limit_fen: { kind: 'fen', unit: '元', min: 0, max: 1_000_000 },
  taper_max_months: { kind: 'int', unit: '个月', min: 0, max: 24 },
  tekun_sample_rate: { kind: 'percent', unit: '%', min: 0, max: 100 },
};

/** How a parameter is edited here: declared above, or inferred for one added since (…_fen: an amount in 分). */
function specOf(key: string, value: unknown) {
  const declared = simple[key as ParameterKey];
  if (declared) return declared;
  if (typeof value === 'boolean') return { kind: 'boolean' as const };
  if (typeof value === 'number' && key.endsWith('_fen')) return { kind: 'fen' as const, unit: '元', min: 0, max: 100_000_000 };
  return null;
}

function EditParameter({
  parameter,
  countyName,
  onClose,
  onSaved,
}: {
  parameter: Parameter;
  countyName: (c: string) => string;
  onClose: () => void;
  onSaved: () => void;
}) {
  const key = parameter.key as ParameterKey;
  const spec = specOf(parameter.key, parameter.value)!;
  const [form] = Form.useForm<{ effectiveMonth: Dayjs; value: number | boolean }>();
  const [jobId, setJobId] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const shown =
    spec.kind === 'fen'
      ? Number(parameter.value) / 100
      : spec.kind === 'percent'
        ? Math.round(Number(parameter.value) * 1000) / 10
        : parameter.value;
  const submit = async (v: { effectiveMonth: Dayjs; value: number | boolean }) => {
    setError(null);
    setBusy(true);
    const value =
      spec.kind === 'fen'
        ? parseYuan(Number(v.value))
        : spec.kind === 'percent'
          ? Number(v.value) / 100
          : spec.kind === 'boolean'
            ? Boolean(v.value)
            : v.value;
    try {
      const r = await api.post<PolicyValueSaved>(VALUES, {
        kind: parameterPolicyKind(key),
        countyCode: parameter.countyCode,
        effectiveMonth: toMonth(v.effectiveMonth),
        value,
      });
      setJobId(r.jobId);
      onSaved();
    } catch (e) {
      setError(applyServerErrors(form, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card
      size="small"
      type="inner"
      title={`调整：${parameterKeys[key] ?? parameter.name}（${countyName(parameter.countyCode)}）`}
      style={{ marginBottom: 12 }}
      extra={
        <Button type="link" onClick={onClose}>
          关闭
        </Button>
      }
    >
      <Form
        form={form}
        layout="inline"
        onFinish={submit}
        initialValues={{ effectiveMonth: nextMonth(), value: shown }}
        style={{ rowGap: 8 }}
      >
        <Form.Item
          name="value"
          label="新值"
          valuePropName={spec.kind === 'boolean' ? 'checked' : 'value'}
          rules={spec.kind === 'boolean' ? [] : [{ required: true, message: '请填写新值' }]}
        >
          {spec.kind === 'boolean' ? (
            <Switch checkedChildren="是" unCheckedChildren="否" />
          ) : (
            <InputNumber
              min={spec.min}
              max={spec.max}
              step={spec.step ?? 1}
              precision={spec.kind === 'int' ? 0 : spec.kind === 'percent' ? 1 : 2}
              suffix={spec.unit}
              style={{ width: 180 }}
              data-testid="parameter-new-value"
            />
          )}
        </Form.Item>
        <Form.Item name="effectiveMonth" label="生效月份" rules={[{ required: true, message: '请选择生效月份' }]}>
          <DatePicker picker="month" allowClear={false} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          保存并重算
        </Button>
      </Form>
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 8 }} />}
      {jobId !== null && (
        <div style={{ marginTop: 12, maxWidth: 640 }}>
          <JobProgress jobId={jobId} label="参数已保存，正在重算在享待遇……" describe={recomputeResult} />
        </div>
      )}
    </Card>
  );
}

/** A parameter's value as a case worker reads it. */
function readable(key: ParameterKey, value: unknown): string {
  const names = (o: Record<string, string>, list: unknown) => ((list as string[]) ?? []).map((c) => o[c] ?? c).join('、') || '无';
  switch (key) {
    case 'borderline_factor':
      return `低保标准的 ${String(value)} 倍`;
    case 'employment_cost_deduction_fen':
      return `每名就业成员每月扣减 ${yuan(Number(value))} 元`;
    case 'temporary_township_limit_fen':
      return `${yuan(Number(value))} 元以下由乡镇审批`;
    case 'rigid_cost_deduction':
      return value ? '扣减' : '不扣减';
    case 'deposit_limit_months':
      return `人均不超过 ${String(value)} 个月低保标准`;
    case 'vehicle_limit':
      return `${String(value)} 辆`;
    case 'extra_house_limit':
      return `${String(value)} 套`;
    case 'taper_max_months':
      return `${String(value)} 个月`;
    case 'tekun_sample_rate':
      return `不低于 ${Math.round(Number(value) * 1000) / 10}%`;
    case 'excluded_income_kinds':
      return names(incomeKinds, value);
    case 'approval_delegated':
      return names(assistanceCategories, value);
    case 'shortfall_benefit_types':
      return names(benefitTypes, value);
    case 'notice_categories':
      return `低保、特困，以及：${names(noticeCategories, value)}`;
    case 'separation_of_duties':
      return value ? '执行：受理人、入户调查人不得审批本案，名册制作人不得审核名册' : '不执行';
    case 'review_interval_months': {
      const v = value as { stable: number; irregular: number };
      return `收入稳定的每 ${v.stable} 个月复核；收入不固定的每 ${v.irregular} 个月复核`;
    }
    case 'banded_amounts': {
      const bands = value as { maxShortfallFen: number; amountFen: number }[];
      return bands.length
        ? bands.map((b) => `差额 ≤ ${yuan(b.maxShortfallFen)} 元发 ${yuan(b.amountFen)} 元`).join('；')
        : '不分档，按差额发放';
    }
    default:
      if (typeof value === 'number' && key.endsWith('_fen')) return `${yuan(value)} 元`;
      if (typeof value === 'boolean') return value ? '是' : '否';
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}
