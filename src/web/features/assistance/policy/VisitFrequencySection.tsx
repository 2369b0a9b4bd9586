import { useState } from 'react';
import { Alert, Button, Card, Col, DatePicker, Form, Input, InputNumber, Row, Select, Space, Table, Tag, Typography } from 'antd';
import type { FormInstance } from 'antd';
import type { Dayjs } from 'dayjs';
import type { z } from 'zod';
import '../../../../shared/zod-locale';
import { api, dateTime } from '../../../app/api';
import { useMe } from '../../../app/auth';
import { applyServerErrors } from '../../../app/forms';
import { useCounties } from '../../../app/counties';
import { nextMonth, toMonth } from '../../../app/months';
import { monthLabel } from '../../../../shared/dates';
import { countyOf, levelOf } from '../../../../shared/divisions';
import { selfCareLevels } from '../../../../shared/assistance-rules';
import { TEKUN_VISIT_KIND, tekunVisitRisks } from '../../../../shared/assistance/support-mode';
import {
  frequencyText,
  frequencyValueFor,
  visitClocks,
  visitFrequencyValue,
  type VisitFrequency,
} from '../../../../shared/visits/frequency';
import type { PolicyValue, PolicyValueSaved } from '../../../../shared/policy/values';

/** The programme's categories (生活自理能力) and risks (独居 or not), by which a rule sets its own interval. */
const names = { categories: selfCareLevels, risks: tekunVisitRisks };
/** The schema the platform's policy service checks this kind's values with (assistance/policy/register.ts). */
const tekunFrequency = frequencyValueFor(names);

/** The value of the visit programme's frequency in words, with the self-care levels and risks named (每 30 个自然日探访一次；…). */
export function visitIntervalText(value: unknown): string {
  const f = visitFrequencyValue.safeParse(value);
  return f.success ? frequencyText(f.data, names) : '（取值无法识别）';
}

/** The shipped value says so in its note (示例值：…), until a county or the city enters its own. */
const isExample = (v: PolicyValue) => Boolean(v.note?.startsWith('示例值'));

const thisMonth = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);

type Flag = '现行' | '待生效' | '已被取代' | '同月已录入新值';

/** Each entry: 现行 (the latest not after this month, for its county), 待生效 (a later month), 已被取代, or replaced the same month. */
function flagsOf(list: PolicyValue[]): Map<PolicyValue, Flag> {
  const now = thisMonth();
  const best = new Map<string, PolicyValue>();
  for (const v of list) {
    if (!v.current || v.effectiveMonth > now) continue;
    const b = best.get(v.countyCode);
    if (!b || v.effectiveMonth > b.effectiveMonth) best.set(v.countyCode, v);
  }
  return new Map(
    list.map((v) => [
      v,
      !v.current ? '同月已录入新值' : v.effectiveMonth > now ? '待生效' : best.get(v.countyCode) === v ? '现行' : '已被取代',
    ]),
  );
}

const flagTag = (f: Flag | undefined) =>
  f === '现行' ? <Tag color="green">现行</Tag> : f === '待生效' ? <Tag color="blue">待生效</Tag> : <span className="hint">{f}</span>;

/**
 * 分散供养特困人员探访周期 on 救助标准: the interval in force for the city and each county that set its
 * own, in words; every entry as history; and, for who enters policy values, a form for a new value
 * from a month. The form checks with the shared schema (src/shared/visits/frequency.ts) the platform's
 * policy service checks with, so its messages are the service's.
 */
export function VisitFrequencySection({
  values,
  loading,
  canEnter,
  countyName,
  onSaved,
}: {
  values: PolicyValue[];
  loading: boolean;
  canEnter: boolean;
  countyName: (code: string) => string;
  onSaved: () => void;
}) {
  const list = values.filter((v) => v.kind === TEKUN_VISIT_KIND);
  const flags = flagsOf(list);
  const inForce = list.filter((v) => flags.get(v) === '现行').sort((a, b) => a.countyCode.localeCompare(b.countyCode));
  const pending = list.filter((v) => flags.get(v) === '待生效').sort((a, b) => a.effectiveMonth.localeCompare(b.effectiveMonth));

  return (
    <Card size="small" title="分散供养特困人员探访周期" className="section-gap" data-testid="visit-frequency">
      <Typography.Paragraph type="secondary">
        乡镇（街道）工作人员按此周期探访分散供养特困人员：下次探访日期为上次探访日期（尚未探访的为分散供养开始之日）加当月有效的间隔。县（市、区）单独设定的优先于全市统一的；未单独设定的执行全市统一的周期。
      </Typography.Paragraph>
      <div data-testid="visit-frequency-current" style={{ marginBottom: 12 }}>
        {!loading && inForce.length === 0 && <Alert type="warning" showIcon title="尚未设置探访周期，探访名单无法计算下次探访日期。" />}
        {inForce.map((v) => (
          <div key={v.id}>
            <b>{countyName(v.countyCode)}</b>：{visitIntervalText(v.value)}
            {isExample(v) && '（示例值）'}
          </div>
        ))}
        {pending.map((v) => (
          <div key={v.id} className="hint">
            {countyName(v.countyCode)}自{monthLabel(v.effectiveMonth)}起：{visitIntervalText(v.value)}
          </div>
        ))}
      </div>
      {canEnter && !loading && <EnterVisitFrequency inForce={inForce} onSaved={onSaved} />}
      <Table<PolicyValue>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={list}
        pagination={false}
        scroll={{ x: 'max-content' }}
        data-testid="visit-frequency-history"
        className={canEnter ? 'section-gap' : undefined}
        columns={[
          { title: '适用地区', dataIndex: 'countyCode', width: 110, render: countyName },
          { title: '生效月份', dataIndex: 'effectiveMonth', width: 110, render: monthLabel },
          { title: '探访周期', dataIndex: 'value', render: (v: unknown) => visitIntervalText(v) },
          { title: '', key: 'flag', width: 120, render: (_: unknown, r) => flagTag(flags.get(r)) },
          { title: '依据或说明', dataIndex: 'note', ellipsis: true },
          { title: '录入人', dataIndex: 'createdByName', width: 100, render: (n: string | null) => n ?? '系统' },
          { title: '录入时间', dataIndex: 'createdAt', width: 160, render: (t: string) => dateTime(t) },
        ]}
      />
    </Card>
  );
}

type Values = {
  countyCode: string;
  effectiveMonth: Dayjs;
  clock: VisitFrequency['clock'];
  days?: number;
  nearDays?: number;
  rules?: { category?: string; risk?: string; days?: number }[];
  note?: string;
};

/** A field checked by its piece of the shared schema: the first issue's message, as the service gives it. */
const bySchema = (schema: z.ZodType) => ({
  validator: (_: unknown, v: unknown) => {
    if (v === undefined || v === null || v === '') return Promise.resolve();
    const r = schema.safeParse(v);
    return r.success ? Promise.resolve() : Promise.reject(new Error(r.error.issues[0].message));
  },
});
type FieldName = Parameters<FormInstance<Values>['setFields']>[0][number]['name'];
const shape = visitFrequencyValue.shape;
const ruleShape = shape.rules.unwrap().element.shape;
/** The shared schema's message for a rule naming neither a category nor a risk. */
const ruleMessage = (() => {
  const r = shape.rules.unwrap().element.safeParse({ days: 1 });
  return r.success ? '' : r.error.issues[0].message;
})();

function EnterVisitFrequency({ inForce, onSaved }: { inForce: PolicyValue[]; onSaved: () => void }) {
  const [form] = Form.useForm<Values>();
  const counties = useCounties();
  const { data: me } = useMe();
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const cityUser = levelOf(me?.divisionCode ?? '') === 'city';
  const ownCounty = cityUser ? '' : countyOf(me?.divisionCode ?? '');

  /** The form starts from the value in force for the county (else the city's). */
  const valuesFor = (countyCode: string): Partial<Values> => {
    const v = inForce.find((x) => x.countyCode === countyCode) ?? inForce.find((x) => x.countyCode === '');
    const f = v ? visitFrequencyValue.safeParse(v.value) : null;
    if (!f?.success) return { clock: 'calendar', days: undefined, nearDays: 7, rules: [] };
    return { clock: f.data.clock, days: f.data.days, nearDays: f.data.nearDays, rules: f.data.rules.map((r) => ({ ...r })) };
  };

  const submit = async (v: Values) => {
    setError(null);
    setSaved(null);
    const value = {
      clock: v.clock,
      days: v.days,
      rules: (v.rules ?? []).map((r) => ({ category: r.category ?? undefined, risk: r.risk ?? undefined, days: r.days })),
      nearDays: v.nearDays,
    };
    const checked = tekunFrequency.safeParse(value);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      const name = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
      if (name.length && form.getFieldsError().some((f) => f.name.join('.') === name.join('.')))
        form.setFields([{ name: name as FieldName, errors: [issue.message] }]);
      else setError(issue.message);
      return;
    }
    setBusy(true);
    try {
      await api.post<PolicyValueSaved>('/api/policy/assistance/values', {
        kind: TEKUN_VISIT_KIND,
        countyCode: v.countyCode ?? '',
        effectiveMonth: toMonth(v.effectiveMonth),
        value: checked.data,
        note: v.note?.trim() || undefined,
      });
      setSaved(
        `探访周期已保存：${v.countyCode ? (counties.data?.find((c) => c.code === v.countyCode)?.name ?? v.countyCode) : '全市统一'}自${monthLabel(
          toMonth(v.effectiveMonth)!,
        )}起${frequencyText(checked.data, names)}。探访名单的下次探访日期自该月起按新周期计算。`,
      );
      onSaved();
    } catch (e) {
      setError(applyServerErrors(form, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card size="small" type="inner" title="录入新的探访周期">
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ countyCode: ownCounty, effectiveMonth: nextMonth(), ...valuesFor(ownCounty) }}
        onValuesChange={(changed: Partial<Values>) => {
          if ('countyCode' in changed) form.setFieldsValue(valuesFor(changed.countyCode ?? ''));
        }}
      >
        <Row gutter={12}>
          <Col xs={12} md={5}>
            <Form.Item name="countyCode" label="适用地区">
              <Select
                options={[
                  ...(cityUser ? [{ value: '', label: '全市统一' }] : []),
                  ...(counties.data ?? []).map((c) => ({ value: c.code, label: c.name })),
                ]}
                data-testid="visit-frequency-county"
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item name="effectiveMonth" label="生效月份" rules={[{ required: true, message: '请选择生效月份' }]}>
              <DatePicker picker="month" style={{ width: '100%' }} allowClear={false} data-testid="visit-frequency-month" />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item
              name="clock"
              label="计算方式"
              rules={[{ required: true, message: '请选择按自然日或工作日计算' }, bySchema(shape.clock)]}
            >
              <Select options={Object.entries(visitClocks).map(([value, label]) => ({ value, label: `按${label}` }))} />
            </Form.Item>
          </Col>
          <Col xs={12} md={5}>
            <Form.Item name="days" label="探访间隔" rules={[{ required: true, message: '请填写探访间隔' }, bySchema(shape.days)]}>
              <InputNumber precision={0} suffix="天" style={{ width: '100%' }} data-testid="visit-frequency-days" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item
              name="nearDays"
              label="到期前几天为临期"
              rules={[{ required: true, message: '请填写临期天数' }, bySchema(shape.nearDays)]}
            >
              <InputNumber precision={0} suffix="天" style={{ width: '100%' }} data-testid="visit-frequency-near" />
            </Form.Item>
          </Col>
        </Row>
        <Form.List name="rules">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Space key={field.key} align="baseline" wrap data-testid="visit-frequency-rule">
                  <Form.Item name={[field.name, 'category']} label="其中：类别（生活自理能力）为">
                    <Select
                      style={{ width: 220 }}
                      allowClear
                      options={Object.entries(selfCareLevels).map(([value, label]) => ({ value, label }))}
                      placeholder="不限"
                      data-testid={`visit-frequency-rule-${field.name}-category`}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'risk']}
                    label="风险（居住情况）为"
                    dependencies={[['rules', field.name, 'category']]}
                    rules={[
                      ({ getFieldValue }) => ({
                        validator: (_: unknown, risk?: string) =>
                          risk || getFieldValue(['rules', field.name, 'category'])
                            ? Promise.resolve()
                            : Promise.reject(new Error(ruleMessage)),
                      }),
                    ]}
                  >
                    <Select
                      style={{ width: 160 }}
                      allowClear
                      options={Object.entries(tekunVisitRisks).map(([value, label]) => ({ value, label }))}
                      placeholder="不限"
                      data-testid={`visit-frequency-rule-${field.name}-risk`}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'days']}
                    label="的，探访间隔"
                    rules={[{ required: true, message: '请填写探访间隔' }, bySchema(ruleShape.days)]}
                  >
                    <InputNumber precision={0} suffix="天" style={{ width: 140 }} data-testid={`visit-frequency-rule-${field.name}-days`} />
                  </Form.Item>
                  <Button type="link" onClick={() => remove(field.name)}>
                    删除
                  </Button>
                </Space>
              ))}
              <Form.Item>
                <Button type="dashed" onClick={() => add({})} data-testid="visit-frequency-add-rule">
                  按生活自理能力或居住情况另设间隔
                </Button>
              </Form.Item>
            </>
          )}
        </Form.List>
        <Form.Item name="note" label="依据（文件名称和文号）">
          <Input maxLength={200} placeholder="如：任城区民政局关于做好分散供养特困人员探访工作的通知" />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="visit-frequency-submit">
            保存
          </Button>
          <span className="hint">保存后，自生效月份起按新周期计算探访名单的下次探访日期；不重算救助金额。</span>
        </Space>
      </Form>
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 8 }} />}
      {saved && <Alert type="success" showIcon title={saved} style={{ marginTop: 8 }} data-testid="visit-frequency-saved" />}
    </Card>
  );
}
