import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Form, Input, Select, Space, Spin, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { api, ApiError, errorMessage, SESSION_ENDED_EVENT } from '../../app/api';
import { applyServerErrors } from '../../app/forms';
import { PageHeader } from '../../app/list';
import { today } from '../../app/today';
import type { CalendarYear } from '../../../shared/platform/calendar';

interface Values {
  source: string;
  offDays: { range?: [Dayjs, Dayjs]; name?: string }[];
  workDays: { day?: Dayjs; name?: string }[];
}

/**
 * 节假日安排: each year's days off and weekend days worked (调休), as the State Council publishes
 * them each November. Until a year is entered, working-day deadlines in it are provisional.
 */
export function CalendarPage() {
  const thisYear = today().year();
  const [year, setYear] = useState(thisYear + (today().month() >= 10 ? 1 : 0));
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { message } = App.useApp();
  const {
    data,
    error: loadError,
    refetch,
    isFetching,
  } = useQuery({ queryKey: ['calendar', year], queryFn: () => api.get<CalendarYear>(`/api/calendar/${year}`) });

  useEffect(() => {
    if (data) form.setFieldsValue(toForm(data));
    setError(null);
  }, [data, form]);

  const submit = async (v: Values) => {
    setError(null);
    setBusy(true);
    try {
      await put(`/api/calendar/${year}`, {
        source: v.source.trim(),
        offDays: (v.offDays ?? []).map((p) => [p.range![0].format('YYYY-MM-DD'), p.range![1].format('YYYY-MM-DD'), p.name!.trim()]),
        workDays: (v.workDays ?? []).map((w) => [w.day!.format('YYYY-MM-DD'), w.name!.trim()]),
      });
      message.success(`${year} 年节假日安排已保存，办理期限将按新安排计算`);
      void refetch();
    } catch (e) {
      const rename: Record<string, string> = {};
      // The server names a period (offDays.2); the form shows its error on the date field.
      for (const f of e instanceof ApiError ? (e.details.fields ?? []) : []) {
        if (/^offDays\.\d+$/.test(f.field)) rename[f.field] = `${f.field}.range`;
        if (/^workDays\.\d+$/.test(f.field)) rename[f.field] = `${f.field}.day`;
      }
      setError(applyServerErrors(form, e, rename));
    } finally {
      setBusy(false);
    }
  };

  const inYear = (d: Dayjs) => d.year() !== year;
  return (
    <div style={{ maxWidth: 900 }}>
      <PageHeader
        title="节假日安排"
        sub="办理期限按工作日计算，需要每年的法定节假日和调休上班日。国务院办公厅每年 11 月前后公布下一年安排，请及时录入。"
        extra={
          <Space>
            <span>年度</span>
            <Select
              value={year}
              onChange={setYear}
              style={{ width: 110 }}
              options={[thisYear - 1, thisYear, thisYear + 1, thisYear + 2].map((y) => ({ value: y, label: `${y} 年` }))}
              data-testid="calendar-year"
            />
          </Space>
        }
      />
      {loadError ? (
        <Alert type="error" showIcon title={errorMessage(loadError)} />
      ) : !data ? (
        <Spin style={{ display: 'block', margin: 60 }} />
      ) : (
        <Spin spinning={isFetching}>
          {data.entered ? (
            <Alert
              type="success"
              showIcon
              title={`${year} 年节假日安排已录入`}
              description={`依据：${data.source ?? ''}`}
              style={{ marginBottom: 12 }}
            />
          ) : (
            <Alert
              type="warning"
              showIcon
              title="该年度节假日安排尚未录入，期限暂按工作日推算"
              description="在录入之前，落在该年的办理期限只按周一至周五推算，并标注“暂按工作日推算”；录入后自动更正。"
              style={{ marginBottom: 12 }}
              data-testid="calendar-not-entered"
            />
          )}
          <Form<Values> form={form} layout="vertical" onFinish={submit}>
            <Form.Item name="source" label="依据" rules={[{ required: true, whitespace: true, message: '请填写依据（通知名称和日期）' }]}>
              <Input
                maxLength={200}
                placeholder={`如：国务院办公厅关于${year}年部分节假日安排的通知（${year - 1}年11月）`}
                data-testid="calendar-source"
              />
            </Form.Item>
            <Card size="small" title="放假（含调休）" extra={<span className="hint">每个假期填写起止日期和名称</span>}>
              <Form.List name="offDays">
                {(fields, { add, remove }) => (
                  <>
                    {fields.map((f, i) => (
                      <Space key={f.key} align="start" style={{ display: 'flex' }}>
                        <Form.Item name={[f.name, 'range']} rules={[{ required: true, message: '请选择起止日期' }]}>
                          <DatePicker.RangePicker
                            disabledDate={inYear}
                            defaultPickerValue={[dayjs(`${year}-01-01`), dayjs(`${year}-01-01`)]}
                            data-testid={`calendar-off-${i}`}
                          />
                        </Form.Item>
                        <Form.Item name={[f.name, 'name']} rules={[{ required: true, whitespace: true, message: '请填写名称' }]}>
                          <Input maxLength={20} placeholder="如：春节" style={{ width: 160 }} data-testid={`calendar-off-${i}-name`} />
                        </Form.Item>
                        <Button type="link" danger onClick={() => remove(f.name)}>
                          删除
                        </Button>
                      </Space>
                    ))}
                    <Button type="dashed" onClick={() => add({})} data-testid="calendar-off-add">
                      + 添加假期
                    </Button>
                  </>
                )}
              </Form.List>
            </Card>
            <Card size="small" title="调休上班的周末" className="section-gap">
              <Form.List name="workDays">
                {(fields, { add, remove }) => (
                  <>
                    {fields.map((f, i) => (
                      <Space key={f.key} align="start" style={{ display: 'flex' }}>
                        <Form.Item name={[f.name, 'day']} rules={[{ required: true, message: '请选择日期' }]}>
                          <DatePicker
                            disabledDate={inYear}
                            defaultPickerValue={dayjs(`${year}-01-01`)}
                            data-testid={`calendar-work-${i}`}
                          />
                        </Form.Item>
                        <Form.Item name={[f.name, 'name']} rules={[{ required: true, whitespace: true, message: '请填写名称' }]}>
                          <Input maxLength={20} placeholder="如：春节调休" style={{ width: 160 }} />
                        </Form.Item>
                        <Button type="link" danger onClick={() => remove(f.name)}>
                          删除
                        </Button>
                      </Space>
                    ))}
                    <Button type="dashed" onClick={() => add({})}>
                      + 添加调休上班日
                    </Button>
                  </>
                )}
              </Form.List>
            </Card>
            {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} />}
            <Space style={{ marginTop: 16 }}>
              <Button type="primary" htmlType="submit" loading={busy} data-testid="calendar-save">
                保存 {year} 年安排
              </Button>
              <Typography.Text type="secondary">保存会替换该年已录入的安排。</Typography.Text>
            </Space>
          </Form>
        </Spin>
      )}
    </div>
  );
}

/** The stored days back into periods: consecutive days off with the same name are one holiday. */
function toForm(data: CalendarYear): Values {
  const offDays: Values['offDays'] = [];
  let last: { first: string; last: string; name: string } | null = null;
  const flush = () => last && offDays.push({ range: [dayjs(last.first), dayjs(last.last)], name: last.name });
  for (const d of data.days.filter((x) => x.kind === 'off')) {
    if (last && last.name === d.name && dayjs(last.last).add(1, 'day').format('YYYY-MM-DD') === d.day) last.last = d.day;
    else {
      flush();
      last = { first: d.day, last: d.day, name: d.name };
    }
  }
  flush();
  return {
    source: data.source ?? '',
    offDays,
    workDays: data.days.filter((x) => x.kind === 'work').map((d) => ({ day: dayjs(d.day), name: d.name })),
  };
}

/** PUT with the API client's error handling (the shared client has no PUT; only this page needs one). */
async function put(url: string, body: unknown): Promise<void> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'PUT',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试');
  }
  if (res.ok) return;
  const data = (await res.json().catch(() => null)) as { code?: string; message?: string; details?: ApiError['details'] } | null;
  if (res.status === 401 && data?.code === 'UNAUTHENTICATED') window.dispatchEvent(new CustomEvent(SESSION_ENDED_EVENT));
  throw new ApiError(res.status, data?.code ?? `HTTP_${res.status}`, data?.message ?? `请求失败（${res.status}）`, data?.details ?? {});
}
