import { useState } from 'react';
import { App, Button, Card, Form, Radio, Select, Space, Statistic, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { api, dateTime, download, errorMessage } from '../../../app/api';
import { useUploadJob } from '../../../app/jobs';
import { FilterForm, ListError, ListTable, PageHeader, useUrlList } from '../../../app/list';
import { ImportJobResult, XlsxUpload } from '../../../components/UploadJob';
import {
  agencies,
  agencyFileKinds,
  type AgencyFileKind,
  type AgencyFileRow,
  type AgencyJobResult,
} from '../../../../shared/registry/agency-files';
import type { Page } from '../../../../shared/paging';

type Filter = { kind?: AgencyFileKind };
type Agency = keyof typeof agencies;

/**
 * 部门比对名单: import a list of deaths or hukou changes another agency sent; it is matched with the
 * registry by ID number and waits for the clerk on its own page (nothing is recorded by itself).
 */
export function AgencyFilesPage() {
  const [kind, setKind] = useState<AgencyFileKind>('deaths');
  const [agency, setAgency] = useState<Agency>('police');
  const upload = useUploadJob<AgencyJobResult>();
  const list = useUrlList<Filter>();
  const [form] = Form.useForm<Filter>();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { data, isFetching, error } = useQuery({
    queryKey: ['agency-files', list.query, upload.job.data?.status],
    queryFn: () => api.get<Page<AgencyFileRow>>(`/api/agency-files${list.query}`),
  });
  const done = upload.job.data?.result?.agencyFileId;

  return (
    <div>
      <PageHeader
        title="部门比对名单"
        sub="导入公安、卫生健康、殡葬服务机构提供的死亡名单或户籍迁移名单。系统按公民身份号码与人口库比对，逐行列出结果，由您核对后登记，不会自动登记。"
      />
      <Card size="small" title="导入名单">
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Space wrap>
            <Radio.Group
              value={kind}
              onChange={(e) => {
                setKind(e.target.value as AgencyFileKind);
                upload.newKey();
              }}
              disabled={upload.running}
              data-testid="agency-kind"
            >
              {Object.entries(agencyFileKinds).map(([k, v]) => (
                <Radio key={k} value={k}>
                  {v}
                </Radio>
              ))}
            </Radio.Group>
            <Select<Agency>
              value={agency}
              onChange={(v) => {
                setAgency(v);
                upload.newKey();
              }}
              style={{ minWidth: 160 }}
              options={Object.entries(agencies).map(([value, label]) => ({ value: value as Agency, label: `来源：${label}` }))}
              data-testid="agency-source"
            />
            <Button
              onClick={() =>
                download(`/api/agency-files/template?kind=${kind}`, `${agencyFileKinds[kind]}模板.xlsx`).catch((e) =>
                  message.error(errorMessage(e, '下载失败')),
                )
              }
              data-testid="agency-template"
            >
              下载{agencyFileKinds[kind]}模板
            </Button>
          </Space>
          <Typography.Text type="secondary">
            按模板填写：第 1 行为表头，不要修改；公民身份号码列为文本格式。其他部门导出的表格，请将各列调整为模板的列后导入。
          </Typography.Text>
          <XlsxUpload upload={upload} testId="agency" onSubmit={() => upload.submit(`/api/agency-files?kind=${kind}&agency=${agency}`)} />
        </Space>
      </Card>
      <ImportJobResult
        upload={upload}
        testId="agency"
        errorReportName="比对错误.xlsx"
        view={
          done ? (
            <Button type="primary" onClick={() => navigate(`/agency-files/${done}`)} data-testid="agency-open">
              查看比对结果
            </Button>
          ) : null
        }
        stats={(r) => (
          <>
            <Statistic title="共计" value={r?.counts?.total ?? 0} suffix="行" />
            <Statistic title="可登记" value={r?.counts?.matched ?? 0} suffix="行" />
            <Statistic title="有冲突" value={r?.counts?.conflict ?? 0} suffix="行" />
            <Statistic title="未匹配" value={r?.counts?.unmatched ?? 0} suffix="行" />
          </>
        )}
      />
      <Card size="small" title="已导入的名单" className="section-gap">
        <FilterForm<Filter>
          form={form}
          filter={list.filter}
          filterKey={list.filterKey}
          onSearch={list.setFilter}
          toForm={(f) => f}
          fromForm={(v) => ({ kind: v.kind })}
        >
          <Form.Item name="kind" label="类别">
            <Select
              allowClear
              placeholder="全部"
              style={{ width: 160 }}
              options={Object.entries(agencyFileKinds).map(([value, label]) => ({ value, label }))}
            />
          </Form.Item>
        </FilterForm>
        <ListError error={error} form={form} />
        <ListTable<AgencyFileRow>
          list={list}
          page={data}
          loading={isFetching}
          unit="份"
          rowId="agency-file-row"
          empty={{ none: '还没有导入过比对名单。收到其他部门的名单后，在上方下载模板、导入即可。' }}
          columns={[
            { title: '导入时间', dataIndex: 'uploadedAt', render: (v: string) => dateTime(v) },
            { title: '类别', dataIndex: 'kindName' },
            { title: '来源', dataIndex: 'agencyName' },
            { title: '文件', dataIndex: 'fileName' },
            {
              title: '状态',
              dataIndex: 'statusName',
              render: (s: string, r) => <Tag color={r.status === 'failed' ? 'red' : r.status === 'ready' ? 'green' : 'blue'}>{s}</Tag>,
            },
            { title: '共计', key: 'total', render: (_, r) => r.counts.total },
            { title: '待处理', key: 'open', render: (_, r) => r.counts.matched + r.counts.conflict + r.counts.unmatched },
            { title: '已登记', key: 'applied', render: (_, r) => r.counts.applied },
            { title: '导入人', dataIndex: 'uploadedBy' },
            { title: '', key: 'link', render: (_, r) => <Link to={`/agency-files/${r.id}`}>查看</Link> },
          ]}
        />
      </Card>
    </div>
  );
}
