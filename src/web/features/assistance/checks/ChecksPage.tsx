import { useState } from 'react';
import { Alert, App, Button, Card, Form, InputNumber, Popconfirm, Select, Space, Tag, Typography, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, ApiError, download, errorMessage, type Page } from '../../../app/api';
import { ListTable, PageHeader, useUrlList } from '../../../app/list';
import { Money } from '../../../components/Money';
import { ReviewModal } from '../entitlements/ReviewModal';
import type { Finding, RecheckRow, RecheckStarted, ReplyImported as ReplyResult } from '../../../../shared/assistance/checks';
import { checkAgencies, checkReplyColumns, type CheckAgency } from '../../../../shared/assistance-codes';

/** The headers of an agency's reply file, as its template has them (批次号 first). */
const agencyColumns = (agency: CheckAgency) => ['批次号', '身份证号', '姓名', ...checkReplyColumns[agency]].join('、');

/**
 * 经济状况核对: the request file for the agencies, their reply files, and the batch re-check of
 * recipients (到期复核比对) with the amount that would follow each household's findings.
 */
export function ChecksPage() {
  return (
    <div>
      <PageHeader title="经济状况核对" sub="向各部门提交核对请求、导入部门回复；对在享救助对象发起批量复核比对。" />
      <RequestAndReplies />
      <Rechecks />
    </div>
  );
}

function RequestAndReplies() {
  const { message } = App.useApp();
  const [agency, setAgency] = useState<CheckAgency | undefined>(undefined);
  const [file, setFile] = useState<UploadFile | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ReplyResult | null>(null);
  const [problem, setProblem] = useState<{ message: string; rows: string[] } | null>(null);
  const [batch, setBatch] = useState<number | null>(null);
  const client = useQueryClient();
  const template = (code: CheckAgency) =>
    download(
      `/api/assistance/checks/reply-template?agency=${code}${batch ? `&batch=${batch}` : ''}`,
      `核对回复-${checkAgencies[code]}${batch ? `-批次${batch}` : ''}.xlsx`,
    ).catch((e) => message.error(errorMessage(e, '下载失败')));

  const submit = async () => {
    if (!agency || !file?.originFileObj) return;
    setBusy(true);
    setResult(null);
    setProblem(null);
    const body = new FormData();
    body.append('file', file.originFileObj);
    try {
      const r = await api.post<ReplyResult>(`/api/assistance/checks/replies?agency=${agency}`, body);
      setResult(r);
      setFile(null);
      void client.invalidateQueries({ queryKey: ['assistance-rechecks'] });
      void client.invalidateQueries({ queryKey: ['assistance-case-check'] });
    } catch (e) {
      const rows = e instanceof ApiError ? (e.details.fields ?? []).map((f) => f.message) : [];
      setProblem({ message: errorMessage(e, '导入失败'), rows: rows.filter((m) => m !== errorMessage(e)) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card size="small" title="核对请求与部门回复" className="section-gap">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <Button
            onClick={() =>
              download('/api/assistance/checks/request-file', '家庭经济状况核对请求.xlsx')
                .then(() => message.success('已下载，文件名和「批次号」列中为本次的批次号，请在浏览器的下载列表中查看'))
                .catch((e) => message.error(errorMessage(e, '下载失败')))
            }
            data-testid="check-request-file"
          >
            下载核对请求
          </Button>
          <Typography.Text type="secondary">
            包含管辖范围内全部待核对家庭成员的完整身份证号，下载记入审计日志，请妥善保管。每次下载为一个批次，批次号见文件名和「批次号」列。
          </Typography.Text>
        </Space>
        <Space wrap data-testid="check-templates">
          <span>回复模板：</span>
          <InputNumber
            min={1}
            precision={0}
            value={batch}
            onChange={(v) => setBatch(v ?? null)}
            placeholder="批次号"
            style={{ width: 120 }}
            data-testid="check-template-batch"
          />
          {(Object.keys(checkAgencies) as CheckAgency[]).map((code) => (
            <Button key={code} size="small" onClick={() => void template(code)} data-testid={`check-template-${code}`}>
              {checkAgencies[code]}
            </Button>
          ))}
        </Space>
        <Typography.Text type="secondary">
          填写批次号后下载的模板，文件名中含批次号（如「核对回复-车辆登记-批次12.xlsx」）。回复须写明批次号（「批次号」列或文件名）：写明批次号的回复视为对该批次全部人员的答复，查无记录的部门原样交回只有表头的模板即可。
        </Typography.Text>
        <Form layout="inline" style={{ rowGap: 8 }}>
          <Form.Item label="回复部门" required>
            <Select
              value={agency}
              onChange={(v) => {
                setAgency(v);
                setResult(null);
                setProblem(null);
              }}
              options={Object.entries(checkAgencies).map(([value, label]) => ({ value, label }))}
              placeholder="请选择"
              style={{ width: 180 }}
              data-testid="check-agency"
            />
          </Form.Item>
          <Form.Item label="回复文件" required>
            <Upload
              accept=".xlsx,.csv"
              maxCount={1}
              fileList={file ? [file] : []}
              beforeUpload={() => false}
              onChange={({ fileList }) => {
                setFile(fileList[fileList.length - 1] ?? null);
                setResult(null);
                setProblem(null);
              }}
              onRemove={() => {
                setFile(null);
                return true;
              }}
            >
              <Button data-testid="check-reply-choose">选择文件（xlsx 或 CSV）</Button>
            </Upload>
          </Form.Item>
          <Button type="primary" loading={busy} disabled={!agency || !file} onClick={() => void submit()} data-testid="check-reply-submit">
            导入回复
          </Button>
        </Form>
        {agency && (
          <Typography.Text type="secondary">
            第 1 行为表头，依次为：{agencyColumns(agency)}
            （批次号列可省略，此时文件名须含批次号；未写明批次号的回复只答复其中有记录的人员）。金额以元为单位，最多两位小数。
          </Typography.Text>
        )}
        {result && (
          <Alert
            type="success"
            showIcon
            data-testid="check-reply-result"
            title={`${result.agencyName}回复已导入${result.batch ? `（批次 ${result.batch}）` : ''}：共 ${result.rows} 行，匹配 ${result.matchedPersons} 人，涉及 ${result.matchedChecks} 户核对。`}
            description={result.rows > result.matchedPersons ? '未匹配的行不是管辖范围内待核对家庭的成员，已忽略。' : undefined}
          />
        )}
        {problem && (
          <Alert
            type="error"
            showIcon
            data-testid="check-reply-error"
            title={problem.message}
            description={
              problem.rows.length ? (
                <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                  {problem.rows.map((r, i) => (
                    <li key={i}>{r}</li>
                  ))}
                </ul>
              ) : undefined
            }
          />
        )}
      </Space>
    </Card>
  );
}

function Rechecks() {
  const list = useUrlList({ pageSize: 20 });
  const { message } = App.useApp();
  const [busy, setBusy] = useState<'due' | 'all' | null>(null);
  const [reviewing, setReviewing] = useState<RecheckRow | null>(null);
  const { data, isFetching, error, refetch } = useQuery({
    queryKey: ['assistance-rechecks', list.page, list.pageSize],
    queryFn: () => api.get<Page<RecheckRow>>(`/api/assistance/rechecks?page=${list.page}&pageSize=${list.pageSize}`),
  });
  const start = async (only: 'due' | 'all') => {
    setBusy(only);
    try {
      const r = await api.post<RecheckStarted>('/api/assistance/rechecks', { only });
      message.success(
        r.created
          ? `已对 ${r.created} 户发起复核比对，请下载核对请求提交各部门`
          : '没有需要新发起复核比对的对象（已发起的正在等待部门回复）',
      );
      void refetch();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card
      size="small"
      title="批量复核比对"
      className="section-gap"
      extra={
        <Space>
          <Button type="primary" loading={busy === 'due'} onClick={() => void start('due')} data-testid="recheck-due">
            发起到期复核比对
          </Button>
          <Popconfirm title="对管辖范围内全部在享对象发起复核比对？" okText="发起" cancelText="取消" onConfirm={() => start('all')}>
            <Button loading={busy === 'all'} data-testid="recheck-all">
              全部在享对象
            </Button>
          </Popconfirm>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">
        到期复核比对：下次复核日期在 30
        天内或已逾期的对象。发起后下载核对请求提交各部门，导入回复后下表列出每户的核对发现和按核对结果测算的金额；复核后该户移出本表。
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={errorMessage(error, '查询失败')} />}
      <ListTable<RecheckRow>
        list={list}
        page={data}
        loading={isFetching}
        unit="户"
        rowKey="entitlementId"
        rowId="recheck-row"
        empty={{ none: '暂无已回复的复核比对' }}
        columns={[
          {
            title: '收款人',
            dataIndex: 'payeeName',
            width: 100,
            render: (v: string, r) => <Link to={`/assistance/entitlements/${r.entitlementId}`}>{v}</Link>,
          },
          {
            title: '现发金额',
            key: 'current',
            width: 260,
            render: (_: unknown, r) => (
              <>
                <Money fen={r.monthlyFen} strong />
                <div className="hint">{r.breakdown}</div>
              </>
            ),
          },
          {
            title: '核对发现',
            dataIndex: 'findings',
            width: 300,
            render: (v: Finding[]) =>
              v.length ? (
                <ul style={{ margin: 0, paddingInlineStart: 16 }}>
                  {v.map((f) => (
                    <li key={f.key}>
                      {f.label}：申报 {f.declared}，核对 {f.found}
                      {f.overLimit && <span style={{ color: '#cf1322', fontWeight: 600 }}>（{f.overLimit}）</span>}
                    </li>
                  ))}
                </ul>
              ) : (
                <span className="hint">未发现变化</span>
              ),
          },
          {
            title: '按核对结果测算',
            key: 'proposed',
            width: 280,
            render: (_: unknown, r) => (
              <>
                {r.stillEligible ? <Money fen={r.proposedFen} strong /> : <Tag color="red">不再符合条件</Tag>}
                {r.stillEligible && r.proposedFen !== r.monthlyFen && (
                  <Tag color="orange" style={{ marginLeft: 6 }}>
                    金额变化
                  </Tag>
                )}
                <div className="hint">{r.proposedBreakdown}</div>
              </>
            ),
          },
          {
            title: '操作',
            key: 'op',
            width: 80,
            fixed: 'right',
            render: (_: unknown, r) => (
              <Button size="small" type="primary" onClick={() => setReviewing(r)} data-testid="recheck-review">
                复核
              </Button>
            ),
          },
        ]}
      />
      {reviewing && (
        <ReviewModal
          id={reviewing.entitlementId}
          found={reviewing.foundIncomes}
          onClose={() => setReviewing(null)}
          onDone={() => void refetch()}
        />
      )}
    </Card>
  );
}
