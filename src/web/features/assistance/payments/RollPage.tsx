import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  Popconfirm,
  Row,
  Select,
  Space,
  Statistic,
  Tag,
  Tooltip,
  Typography,
  Upload,
} from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import { api, ApiError, download, errorMessage } from '../../../app/api';
import { useCan } from '../../../app/auth';
import { FilterForm, ListError, ListTable, PageHeader, useUrlList } from '../../../app/list';
import { NotFoundResult } from '../../../app/Results';
import { DivisionName, DivisionPicker } from '../../../components/DivisionPicker';
import { assistanceCategories } from '../../../../shared/assistance-codes';
import { paymentStatuses, type BankResult, type RollLine, type RollLines } from '../../../../shared/payments/rolls';
import type { BankFormats } from '../../../../shared/payments/bank-formats';
import { monthLabel } from '../../../../shared/dates';
import { yuan } from '../../../../shared/money';
import { shortDivision } from '../cases/caseColumns';
import { Money } from '../../../components/Money';
import { rollStatuses } from './RollsPage';

type Filter = { paymentStatus?: string; benefitType?: string; divisionCode?: string };
const options = (o: Record<string, string>) => Object.entries(o).map(([value, label]) => ({ value, label }));
const paymentColors = { pending: 'default', paid: 'green', failed: 'red', reissued: 'orange' } as const;

/**
 * 名册明细: the lines (each with its frozen amount and explanation), totals, 审核, the printed roll
 * (PDF of the user's lines, for signatures), the bank file (xlsx or CSV; 补发 for the failed
 * payments, to the corrected accounts) and the bank's result file.
 */
export function RollPage() {
  const { id } = useParams();
  const list = useUrlList<Filter>({ pageSize: 50 });
  const [form] = Form.useForm();
  const can = useCan();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const client = useQueryClient();
  const { data, isFetching, error, refetch } = useQuery({
    queryKey: ['assistance-roll', id, list.query],
    queryFn: () => api.get<RollLines>(`/api/payments/assistance/rolls/${id}/lines${list.query}`),
    refetchInterval: (q) => (q.state.data?.roll.status === 'building' ? 2000 : false),
  });
  if (error && !data && error instanceof ApiError && error.status === 404)
    return <NotFoundResult title={errorMessage(error)} back="/assistance/rolls" backLabel="返回发放名册" />;
  const roll = data?.roll;
  const countyLevel = can('assistance.roll');
  // Who built the roll does not approve it (separation of duties): the button is off, the reason shown.
  const blocked = roll?.approveBlockedReason ?? null;
  // A township's, village's or organisation's figures are those of its own part of the roll.
  const scope = roll?.wholeRoll === false ? '本辖区' : '名册';

  const approve = async () => {
    try {
      await api.post(`/api/payments/assistance/rolls/${id}/approve`);
      message.success('名册已审核，可以导出银行代发文件');
      void refetch();
      void client.invalidateQueries({ queryKey: ['assistance-rolls'] });
    } catch (e) {
      message.error(errorMessage(e, '审核失败'));
      void refetch();
    }
  };
  const bankFile = (format: 'xlsx' | 'csv', onlyFailed = false, bankFormat?: number) =>
    download(
      `/api/payments/assistance/rolls/${id}/bank-file?format=${format}${onlyFailed ? '&onlyFailed=true' : ''}${bankFormat ? `&bankFormat=${bankFormat}` : ''}`,
      `代发文件.${format}`,
    )
      .then(() => {
        message.success('已导出，请在浏览器的下载列表中查看');
        // A 补发 export turns failed lines into 已补发待回盘.
        if (onlyFailed) void refetch();
      })
      .catch((e) => message.error(errorMessage(e, '导出失败')));

  return (
    <div>
      <PageHeader
        title={
          roll ? (
            <>
              <DivisionName code={roll.countyCode} /> {monthLabel(roll.month)} 发放名册
            </>
          ) : (
            '发放名册'
          )
        }
        sub="每行的金额和核算依据在编制时冻结，此后标准调整不影响本月名册。"
        extra={
          <>
            {roll?.status === 'built' &&
              countyLevel &&
              (blocked ? (
                <Tooltip title={blocked}>
                  <Button type="primary" disabled data-testid="roll-approve">
                    审核通过
                  </Button>
                </Tooltip>
              ) : (
                <Popconfirm title="审核通过后名册不能再重新编制，确定审核？" okText="审核通过" cancelText="取消" onConfirm={approve}>
                  <Button type="primary" data-testid="roll-approve">
                    审核通过
                  </Button>
                </Popconfirm>
              ))}
            {roll && roll.status !== 'building' && (
              // The printed roll of the lines this user sees, by village with subtotals, for signatures.
              <Button href={`/api/payments/assistance/rolls/${id}/pdf`} target="_blank" rel="noopener" data-testid="roll-pdf">
                打印名册（PDF）
              </Button>
            )}
            <Button onClick={() => navigate('/assistance/rolls')}>返回</Button>
          </>
        }
      />
      {roll && (
        <Row gutter={12} style={{ marginBottom: 12 }}>
          <Col xs={24} md={6}>
            <Card size="small">
              <Statistic
                title="状态"
                value={rollStatuses[roll.status].label}
                valueRender={() => (
                  <Tag color={rollStatuses[roll.status].color} style={{ fontSize: 16, padding: '2px 10px' }} data-testid="roll-status">
                    {rollStatuses[roll.status].label}
                  </Tag>
                )}
              />
            </Card>
          </Col>
          <Col xs={24} md={6}>
            <Card size="small">
              <Statistic title={`${scope}户（人）数`} value={roll.lines} suffix="户" />
            </Card>
          </Col>
          <Col xs={24} md={6}>
            <Card size="small">
              <Statistic title={`${scope}金额合计`} value={yuan(roll.totalFen)} suffix="元" />
            </Card>
          </Col>
          <Col xs={24} md={6}>
            <Card size="small">
              <Statistic
                title={list.hasFilter ? '筛选结果合计' : '管辖范围内合计'}
                value={yuan(data?.totalFen ?? 0)}
                suffix="元"
                data-testid="roll-filtered-total"
              />
            </Card>
          </Col>
        </Row>
      )}
      {roll?.status === 'building' && (
        <Alert type="info" showIcon title="名册正在编制，完成后自动显示明细。" style={{ marginBottom: 12 }} />
      )}
      {roll?.status === 'approved' && countyLevel && (
        <BankPanel rollId={Number(id)} onExport={bankFile} onImported={() => void refetch()} />
      )}
      {roll?.status === 'built' && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid={blocked ? 'roll-approve-blocked' : undefined}
          title={
            blocked
              ? `${blocked}。`
              : countyLevel
                ? '请核对明细后点击右上角“审核通过”，审核后才能导出银行代发文件。'
                : '名册待县级民政部门审核。'
          }
        />
      )}
      <FilterForm form={form} filter={list.filter} filterKey={list.filterKey} onSearch={list.setFilter} submitTestId="roll-filter-submit">
        <Form.Item name="paymentStatus" label="发放结果">
          <Select
            allowClear
            placeholder="全部"
            options={options(paymentStatuses)}
            style={{ width: 130 }}
            data-testid="roll-filter-payment"
          />
        </Form.Item>
        <Form.Item name="benefitType" label="类别">
          <Select allowClear placeholder="全部" options={options(assistanceCategories)} style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="divisionCode" label="所在地">
          <DivisionPicker anyLevel />
        </Form.Item>
      </FilterForm>
      <ListError error={error} form={form} />
      <ListTable<RollLine>
        list={list}
        page={data}
        loading={isFetching && !data}
        unit="户"
        rowKey="recordId"
        rowId="roll-line"
        empty={{ filtered: '没有符合条件的明细。', none: roll?.status === 'building' ? '正在编制……' : '本月没有在享待遇，名册为空。' }}
        columns={[
          { title: '流水号', dataIndex: 'lineNo', width: 110 },
          { title: '收款人', dataIndex: 'payeeName', width: 90 },
          { title: '村（社区）', dataIndex: 'divisionName', render: (v: string | null) => shortDivision(v) },
          { title: '类别', dataIndex: 'benefitTypeName', width: 100 },
          { title: '保障人数', dataIndex: 'coveredCount', align: 'right', width: 80 },
          {
            title: '金额（元）',
            dataIndex: 'amountFen',
            align: 'right',
            width: 110,
            render: (v: number) => <Money fen={v} unit={false} />,
          },
          {
            title: '核算依据',
            dataIndex: 'breakdown',
            render: (v: string) => (
              <span className="hint" style={{ color: '#555' }}>
                {v}
              </span>
            ),
          },
          { title: '开户银行', dataIndex: 'bankName' },
          {
            title: '发放结果',
            dataIndex: 'paymentStatus',
            width: 150,
            render: (v: RollLine['paymentStatus'], r) => (
              <Space size={4} wrap>
                <Tag color={paymentColors[v]}>{paymentStatuses[v]}</Tag>
                {r.failureReason && <span style={{ color: '#cf1322' }}>{r.failureReason}</span>}
              </Space>
            ),
          },
        ]}
      />
    </div>
  );
}

/** How the chosen format's result file is laid out. */
const resultHint = (r: BankFormats['defaultFormat']['result']) =>
  `xlsx 或 CSV，表头依次为“${r.lineNo}、${r.result}、${r.reason}”，${r.result}填“${r.paid}”或“${r.failed}”。`;

/** The bank's side: the payment file out, the result file in (every row checked; all or nothing). */
/**
 * A roll's bank panel (代发文件, 补发, 银行回盘) for any payment programme: social assistance's, and
 * 高龄津贴's roll page (src/web/features/elderly-allowance/RollsPage.tsx) with its programme and the page
 * where a payee's account is corrected.
 */
export function BankPanel({
  rollId,
  onExport,
  onImported,
  programme = 'assistance',
  payeePage = '救助对象页',
}: {
  rollId: number;
  onExport: (f: 'xlsx' | 'csv', onlyFailed?: boolean, bankFormat?: number) => Promise<unknown>;
  onImported: () => void;
  programme?: string;
  payeePage?: string;
}) {
  // The bank's own file format (系统管理 → 银行代发格式), or the platform's default layout.
  const formats = useQuery({ queryKey: ['bank-formats'], queryFn: () => api.get<BankFormats>('/api/payments/bank-formats') });
  const [bankFormat, setBankFormat] = useState<number | undefined>(undefined);
  const chosen = formats.data?.items.find((f) => f.id === bankFormat);
  const resultLayout = chosen?.result ?? formats.data?.defaultFormat.result;
  const [result, setResult] = useState<BankResult | null>(null);
  const [problem, setProblem] = useState<{ message: string; rows: string[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const upload = async (file: File) => {
    setBusy(true);
    setResult(null);
    setProblem(null);
    const body = new FormData();
    body.append('file', file);
    try {
      setResult(
        await api.post<BankResult>(
          `/api/payments/${programme}/rolls/${rollId}/bank-result${bankFormat ? `?bankFormat=${bankFormat}` : ''}`,
          body,
        ),
      );
      onImported();
    } catch (e) {
      setProblem({
        message: errorMessage(e, '导入失败'),
        rows: e instanceof ApiError ? (e.details.fields ?? []).map((f) => f.message) : [],
      });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title="银行代发" style={{ marginBottom: 12 }} data-testid="bank-panel">
      <Descriptions
        size="small"
        column={1}
        items={[
          {
            key: 'format',
            label: '文件格式',
            children: (
              <Select
                style={{ width: 280 }}
                value={bankFormat ?? 0}
                onChange={(v: number) => setBankFormat(v || undefined)}
                loading={formats.isLoading}
                options={[
                  { value: 0, label: '平台通用格式（默认）' },
                  ...(formats.data?.items ?? []).map((f) => ({
                    value: f.id,
                    label: `${f.name}的代发格式${f.retiredAt ? '（已停用，仅导入回盘）' : ''}`,
                  })),
                ]}
                data-testid="bank-format"
              />
            ),
          },
          {
            key: 'out',
            label: '代发文件',
            children: (
              <Space wrap>
                {chosen?.retiredAt && (
                  <Typography.Text type="warning" data-testid="bank-format-retired">
                    「{chosen.name}」的代发格式已停用，不能用于导出，请选择其他格式
                  </Typography.Text>
                )}
                <Button
                  type="primary"
                  disabled={Boolean(chosen?.retiredAt)}
                  onClick={() => void onExport('xlsx', false, bankFormat)}
                  data-testid="bank-file-xlsx"
                >
                  导出代发文件（Excel）
                </Button>
                <Button
                  disabled={Boolean(chosen?.retiredAt)}
                  onClick={() => void onExport('csv', false, bankFormat)}
                  data-testid="bank-file-csv"
                >
                  导出 CSV
                </Button>
                <Button
                  disabled={Boolean(chosen?.retiredAt)}
                  onClick={() => void onExport('xlsx', true, bankFormat)}
                  data-testid="bank-file-failed"
                >
                  导出补发文件（发放失败的）
                </Button>
                <Typography.Text type="secondary">
                  代发文件只含尚未回盘的行；补发文件含发放失败和已补发待回盘的行，使用{payeePage}
                  更正后的发放账户，导入其回盘前重复导出内容相同。
                </Typography.Text>
              </Space>
            ),
          },
          {
            key: 'in',
            label: '银行回盘',
            children: (
              <Space wrap>
                <Upload
                  accept=".xlsx,.csv"
                  showUploadList={false}
                  beforeUpload={(f) => {
                    void upload(f);
                    return false;
                  }}
                >
                  <Button loading={busy} data-testid="bank-result-upload">
                    导入银行回盘文件
                  </Button>
                </Upload>
                <Typography.Text type="secondary">{resultLayout ? resultHint(resultLayout) : 'xlsx 或 CSV。'}</Typography.Text>
              </Space>
            ),
          },
        ]}
      />
      <Typography.Text type="secondary">代发文件含完整身份证号和银行账号，导出操作记入审计日志，请妥善保管、用后删除。</Typography.Text>
      {result && (
        <Alert
          type="success"
          showIcon
          style={{ marginTop: 8 }}
          data-testid="bank-result"
          title={`回盘已导入：发放成功 ${result.paid} 户，发放失败 ${result.failed} 户。${result.failed ? '失败的人员请在下方“发放结果”中筛选，在${payeePage}“更正发放账户”后导出补发文件。' : ''}`}
        />
      )}
      {problem && (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 8 }}
          data-testid="bank-result-error"
          title={problem.message}
          description={
            problem.rows.length ? (
              <ul style={{ margin: 0, paddingInlineStart: 20, maxHeight: 200, overflow: 'auto' }}>
                {problem.rows.map((r, i) => (
                  <li key={i}>{r}</li>
                ))}
              </ul>
            ) : undefined
          }
        />
      )}
    </Card>
  );
}
