import { useState } from 'react';
import { Alert, Button, Collapse, DatePicker, Descriptions, Drawer, Form, Input, Select, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useQuery } from '@tanstack/react-query';
import { api, dateTime, errorMessage } from '../../app/api';
import { ExportButton, FilterForm, ListError, ListTable, PageHeader, useUrlList, type Filter } from '../../app/list';
import {
  actionFilterOptions,
  actionFromFilter,
  actionToFilter,
  auditActionLabel,
  auditObjectText,
  detailItems,
  detailsText,
  objectTypeOptions,
} from './auditNames';
import type { AuditEntry as Entry, AuditPage as AuditAnswer, ChainReport as Report } from '../../../shared/audit/log';

interface FormValues {
  action?: string;
  username?: string;
  objectType?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

const outcomes = { ok: <Tag color="green">成功</Tag>, denied: <Tag color="orange">拒绝</Tag>, failed: <Tag color="red">失败</Tag> };
/** Fields shrink with a narrow screen instead of pushing the page sideways. */
const fit = { maxWidth: '100%' };
/** Typing finds an action by its Chinese label or by its code (person.unmask). */
const matches = (input: string, o?: { label?: unknown; code?: unknown }) =>
  String(o?.label ?? '').includes(input) || String(o?.code ?? '').includes(input.trim());

/** 审计日志 (audit.read): who did what to which record, when, from where; the hash chain can be checked. */
export function AuditPage() {
  const list = useUrlList<Filter>({ pageSize: 50 });
  const [form] = Form.useForm<FormValues>();
  const [report, setReport] = useState<Report | null>(null);
  const [verifyError, setVerifyError] = useState<string | null>(null);
  const [verifying, setVerifying] = useState(false);
  const [open, setOpen] = useState<Entry | null>(null);
  const { data, isFetching, error } = useQuery({
    queryKey: ['audit', list.query],
    queryFn: () => api.get<AuditAnswer>(`/api/audit${list.query}`),
  });
  const divisions = data?.divisions;

  const verify = async () => {
    setVerifying(true);
    setVerifyError(null);
    try {
      setReport(await api.get<Report>('/api/audit/verify'));
    } catch (e) {
      setVerifyError(errorMessage(e));
    } finally {
      setVerifying(false);
    }
  };

  return (
    <div>
      <PageHeader
        title="审计日志"
        sub="每一条记录都含有上一条的 SM3 哈希，删改任何一条都能被校验发现。查询本身也记入审计。"
        extra={
          <>
            <Button onClick={verify} loading={verifying} data-testid="audit-verify">
              校验哈希链
            </Button>
            {/* Up here rather than in the filter bar, which then wraps its fields on a phone. */}
            <ExportButton url="/api/audit/export" filter={list.filter} filename="审计日志.xlsx" />
          </>
        }
      />
      {verifyError && <Alert type="error" showIcon title={verifyError} style={{ marginBottom: 12 }} />}
      {report && (
        <Alert
          style={{ marginBottom: 12 }}
          type={report.ok ? 'success' : 'error'}
          showIcon
          closable={{ onClose: () => setReport(null) }}
          data-testid="audit-verify-result"
          title={report.ok ? `哈希链完好：已校验 ${report.checked} 条` : `哈希链断裂：从第 ${report.firstBrokenId} 条起不一致`}
          description={
            report.ok
              ? report.unsealed
                ? `另有 ${report.unsealed} 条新记录待封存（数秒内自动完成），届时再校验。`
                : undefined
              : `${report.reason ?? ''}。审计记录可能被修改或删除，请立即报告信息安全负责人。`
          }
        />
      )}
      <FilterForm<FormValues>
        form={form}
        filter={list.filter}
        filterKey={list.filterKey}
        onSearch={list.setFilter}
        submitTestId="audit-search"
        toForm={(f) => ({
          action: actionFromFilter(f),
          username: f.username,
          objectType: f.objectType,
          range: f.from || f.to ? [f.from ? dayjs(f.from) : null, f.to ? dayjs(f.to) : null] : null,
        })}
        fromForm={(v) => ({
          ...actionToFilter(v.action),
          username: v.username,
          objectType: v.objectType,
          from: v.range?.[0]?.format('YYYY-MM-DD'),
          to: v.range?.[1]?.format('YYYY-MM-DD'),
        })}
      >
        <Form.Item name="action" label="操作" style={fit}>
          <Select
            allowClear
            showSearch={{ filterOption: (input, o) => matches(input, o) }}
            placeholder="全部操作"
            options={actionFilterOptions}
            style={{ width: 230, ...fit }}
            popupMatchSelectWidth={false}
            data-testid="audit-action"
          />
        </Form.Item>
        <Form.Item name="username" label="用户名" style={fit}>
          <Input allowClear maxLength={64} style={{ width: 130, ...fit }} data-testid="audit-username" />
        </Form.Item>
        <Form.Item name="objectType" label="对象" style={fit}>
          <Select
            allowClear
            placeholder="全部"
            style={{ width: 130, ...fit }}
            options={objectTypeOptions}
            data-testid="audit-object-type"
          />
        </Form.Item>
        <Form.Item name="range" label="日期" style={fit}>
          <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: 236, ...fit }} />
        </Form.Item>
      </FilterForm>
      <ListError error={error} form={form} />
      <ListTable<Entry>
        list={list}
        page={data}
        loading={isFetching}
        unit="条"
        rowId="audit-row"
        onRow={(e) => ({ onDoubleClick: () => setOpen(e) })}
        // Wide enough for every column; on a wider screen the details take the rest and wrap, on a narrower
        // one the table scrolls by itself.
        scroll={{ x: 1080 }}
        empty={{ filtered: '没有符合条件的审计记录。可放宽日期范围，或选择一类操作中的「全部」。', none: '还没有审计记录。' }}
        columns={[
          { title: '编号', dataIndex: 'id', width: 64 },
          { title: '时间', dataIndex: 'at', width: 152, render: dateTime },
          { title: '用户', dataIndex: 'username', width: 110 },
          {
            title: '操作',
            dataIndex: 'action',
            width: 170,
            render: (v: string) => <span data-testid="audit-row-action">{auditActionLabel(v)}</span>,
          },
          { title: '对象', key: 'object', width: 210, render: (_, e) => <span data-testid="audit-row-object">{auditObjectText(e)}</span> },
          { title: '结果', dataIndex: 'outcome', width: 64, render: (v: Entry['outcome']) => outcomes[v] ?? v },
          { title: '地址', dataIndex: 'ip', width: 110 },
          {
            title: '详情',
            dataIndex: 'details',
            render: (_, e) => (
              <a
                onClick={() => setOpen(e)}
                style={{ fontSize: 12, color: 'inherit', display: 'block', minWidth: 200, whiteSpace: 'normal' }}
              >
                <span data-testid="audit-row-details">{detailsText(e, divisions)}</span>
              </a>
            ),
          },
        ]}
      />
      <Drawer open={Boolean(open)} onClose={() => setOpen(null)} title={`审计记录 #${open?.id ?? ''}`} size="min(520px, 100vw)">
        {open && (
          <Descriptions
            column={1}
            size="small"
            bordered
            items={[
              { key: 'at', label: '时间', children: dateTime(open.at) },
              { key: 'u', label: '用户', children: `${open.username ?? ''}${open.userId ? `（#${open.userId}）` : ''}` },
              { key: 'a', label: '操作', children: auditActionLabel(open.action) },
              { key: 'o', label: '对象', children: auditObjectText(open) },
              { key: 'r', label: '结果', children: outcomes[open.outcome] ?? open.outcome },
              { key: 'ip', label: '地址', children: open.ip },
              ...detailItems(open, divisions).map((i) => ({ key: `d-${i.key}`, label: i.label, children: i.text })),
            ]}
          />
        )}
        {open && (
          // For checking a row against the database or the hash chain: the stored codes and values as they are.
          <Collapse
            ghost
            size="small"
            style={{ marginTop: 12 }}
            items={[
              {
                key: 'raw',
                label: '原始记录（代码与数值）',
                children: (
                  <pre style={{ margin: 0, whiteSpace: 'pre-wrap', fontSize: 12 }}>
                    {JSON.stringify(
                      { action: open.action, objectType: open.objectType, objectId: open.objectId, details: open.details ?? {} },
                      null,
                      2,
                    )}
                  </pre>
                ),
              },
            ]}
          />
        )}
      </Drawer>
    </div>
  );
}
