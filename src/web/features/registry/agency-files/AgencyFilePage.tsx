import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Input, Modal, Popconfirm, Progress, Space, Tabs, Tag } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { api, dateTime, errorMessage } from '../../../app/api';
import { useJob } from '../../../app/jobs';
import { ExportButton, ListError, ListTable, PageHeader, useUrlList } from '../../../app/list';
import { rowOutcomes, type AgencyFileRow, type AgencyLine, type RowOutcome } from '../../../../shared/registry/agency-files';
import type { Page } from '../../../../shared/paging';
import type { JobAccepted } from '../../../../shared/platform/jobs';

type Filter = { outcome?: RowOutcome };

const outcomeColors: Record<RowOutcome, string> = {
  matched: 'blue',
  conflict: 'orange',
  unmatched: 'default',
  duplicate: 'default',
  invalid: 'red',
  applied: 'green',
  dismissed: 'default',
};

/**
 * One 部门比对名单: its lines by what the match found. 登记 records the chosen lines (by default every
 * 可登记 one) through the registry, with the file as the source; a line whose only conflict is the
 * name needs a note; 忽略 sets lines aside with a reason.
 */
export function AgencyFilePage() {
  const id = Number(useParams().id);
  const list = useUrlList<Filter>({ pageSize: 50 });
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [selected, setSelected] = useState<AgencyLine[]>([]);
  const [jobId, setJobId] = useState<number | null>(null);
  const [dialog, setDialog] = useState<'apply' | 'dismiss' | null>(null);
  const [form] = Form.useForm<{ text: string }>();
  const job = useJob<{ applied?: number; failed?: number }>(jobId);
  const file = useQuery({
    queryKey: ['agency-file', id, job.data?.status],
    queryFn: () => api.get<AgencyFileRow>(`/api/agency-files/${id}`),
  });
  const lines = useQuery({
    queryKey: ['agency-file-lines', id, list.query, job.data?.status],
    queryFn: () => api.get<Page<AgencyLine>>(`/api/agency-files/${id}/lines${list.query}`),
  });
  const f = file.data;
  const needsNote = selected.some((l) => l.applicableWithNote);
  const refresh = () => {
    setSelected([]);
    void queryClient.invalidateQueries({ queryKey: ['agency-file', id] });
    void queryClient.invalidateQueries({ queryKey: ['agency-file-lines', id] });
  };
  const apply = async (lineIds?: number[], note?: string) => {
    try {
      const r = await api.post<JobAccepted>(`/api/agency-files/${id}/apply`, { lineIds, note });
      setJobId(r.jobId);
      setSelected([]);
      setDialog(null);
    } catch (e) {
      message.error(errorMessage(e, '登记失败'));
    }
  };
  const dismiss = async (reason: string) => {
    try {
      const r = await api.post<{ dismissed: number }>(`/api/agency-files/${id}/dismiss`, { lineIds: selected.map((l) => l.id), reason });
      message.success(`已忽略 ${r.dismissed} 行`);
      setDialog(null);
      refresh();
    } catch (e) {
      message.error(errorMessage(e, '操作失败'));
    }
  };
  const choosable = (l: AgencyLine) => ['matched', 'conflict', 'unmatched', 'invalid'].includes(l.outcome);
  const applicable = selected.length > 0 && selected.every((l) => l.outcome === 'matched' || l.applicableWithNote);

  return (
    <div>
      <PageHeader
        title={f ? `${f.kindName}：${f.fileName}` : '比对名单'}
        sub={<Link to="/agency-files">返回部门比对名单</Link>}
        extra={
          f?.status === 'ready' && (
            <Popconfirm
              title={`登记全部 ${f.counts.matched} 行“可登记”的记录？`}
              description="每一行按人口库的规则登记（死亡、户口迁移），相关待遇随之调整。"
              okText="登记"
              cancelText="取消"
              disabled={!f.counts.matched || job.running}
              onConfirm={() => void apply()}
            >
              <Button type="primary" disabled={!f.counts.matched || job.running} data-testid="agency-apply-all">
                登记全部可登记（{f.counts.matched} 行）
              </Button>
            </Popconfirm>
          )
        }
      />
      <ListError error={file.error} />
      {f && (
        <Card size="small">
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 2, lg: 4 }}
            items={[
              { label: '来源', children: f.agencyName },
              { label: '导入区划', children: f.divisionName },
              { label: '导入人', children: f.uploadedBy },
              { label: '导入时间', children: dateTime(f.uploadedAt) },
              { label: '状态', children: f.statusName },
            ]}
          />
          {f.status === 'failed' && <Alert type="error" showIcon title={f.error} />}
          {f.status === 'matching' && <Alert type="info" showIcon title="正在比对，请稍候刷新本页。" />}
        </Card>
      )}
      {job.running && (
        <Card size="small" className="section-gap" data-testid="agency-apply-progress">
          正在登记… <Progress percent={job.data?.total ? Math.round((100 * job.data.progress) / job.data.total) : 0} />
        </Card>
      )}
      {job.data?.status === 'succeeded' && (
        <Alert
          className="section-gap"
          type={job.data.result?.failed ? 'warning' : 'success'}
          showIcon
          data-testid="agency-apply-result"
          title={`已登记 ${job.data.result?.applied ?? 0} 行${job.data.result?.failed ? `；${job.data.result.failed} 行因人口库信息已变化未登记，已列入“有冲突”` : ''}`}
        />
      )}
      <Tabs
        className="section-gap"
        activeKey={list.filter.outcome ?? 'all'}
        onChange={(k) => {
          setSelected([]);
          list.setFilter(k === 'all' ? {} : { outcome: k as RowOutcome });
        }}
        items={[
          { key: 'all', label: `全部（${f?.counts.total ?? 0}）` },
          ...(Object.keys(rowOutcomes) as RowOutcome[]).map((k) => ({ key: k, label: `${rowOutcomes[k]}（${f?.counts[k] ?? 0}）` })),
        ]}
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <Button disabled={!applicable || job.running} onClick={() => setDialog('apply')} data-testid="agency-apply-selected">
          登记所选（{selected.length}）
        </Button>
        <Button disabled={!selected.length} onClick={() => setDialog('dismiss')} data-testid="agency-dismiss">
          忽略所选
        </Button>
        <ExportButton url={`/api/agency-files/${id}/export`} filter={list.filter} filename={`比对结果-${id}.xlsx`} />
      </Space>
      <ListError error={lines.error} />
      <ListTable<AgencyLine>
        list={list}
        page={lines.data}
        loading={lines.isFetching}
        unit="行"
        rowId="agency-line"
        rowSelection={{
          selectedRowKeys: selected.map((l) => l.id),
          onChange: (_, rows) => setSelected(rows),
          getCheckboxProps: (l) => ({ disabled: !choosable(l) }),
        }}
        empty={{ none: '这一类没有记录。' }}
        columns={[
          { title: '行号', dataIndex: 'rowNumber', width: 70 },
          {
            title: '姓名',
            dataIndex: 'name',
            render: (n: string, l) => (l.personId ? <Link to={`/persons/${l.personId}`}>{n}</Link> : n),
          },
          { title: '公民身份号码', dataIndex: 'idNumberMasked' },
          { title: '名单内容', dataIndex: 'summary' },
          {
            title: '比对结果',
            dataIndex: 'outcomeName',
            render: (s: string, l) => (
              <Tag color={outcomeColors[l.outcome]} data-testid="agency-line-outcome">
                {s}
              </Tag>
            ),
          },
          { title: '说明', dataIndex: 'problem', render: (p: string | null, l) => p ?? l.decisionNote },
          { title: '处理人', dataIndex: 'decidedBy' },
        ]}
      />
      <Modal
        open={dialog !== null}
        title={dialog === 'apply' ? `登记所选 ${selected.length} 行` : `忽略所选 ${selected.length} 行`}
        okText={dialog === 'apply' ? '登记' : '忽略'}
        cancelText="取消"
        destroyOnHidden
        onCancel={() => setDialog(null)}
        onOk={() =>
          void form.validateFields().then(({ text }) =>
            dialog === 'apply'
              ? apply(
                  selected.map((l) => l.id),
                  text || undefined,
                )
              : dismiss(text),
          )
        }
      >
        <Form form={form} layout="vertical" preserve={false}>
          {dialog === 'apply' && needsNote && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              title="所选行中有姓名与人口库不一致的记录，请写明核实情况（如：经核对户籍底册为同一人）。"
            />
          )}
          {(dialog === 'dismiss' || needsNote) && (
            <Form.Item
              name="text"
              label={dialog === 'dismiss' ? '忽略原因' : '核实说明'}
              rules={[{ required: true, min: 2, message: dialog === 'dismiss' ? '请填写忽略原因' : '请填写核实说明' }]}
            >
              <Input.TextArea rows={3} maxLength={500} data-testid="agency-dialog-text" />
            </Form.Item>
          )}
          {dialog === 'apply' && !needsNote && '所选记录将按人口库的规则登记，相关待遇随之调整。'}
        </Form>
      </Modal>
    </div>
  );
}
