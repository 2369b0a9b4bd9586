/**
 * 高龄津贴's rolls on the platform's payment programme routes (/api/payments/elderly_allowance/rolls…):
 * the county builds a month's roll (a background job), another county user approves it, then the
 * printed roll and the bank file; townships read their own lines.
 */
import { Alert, App, Button, Space, Tag } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { api, download, errorMessage, type Page } from '../../app/api';
import { useCan } from '../../app/auth';
import { ListError, PageHeader, ListTable, useUrlList } from '../../app/list';
import { NotFoundResult } from '../../app/Results';
import { Money } from '../../components/Money';
import { BankPanel } from '../assistance/payments/RollPage';
import { BuildRoll, rollColumns } from '../payments/rolls';
import { monthLabel } from '../../../shared/dates';
import { yuan } from '../../../shared/money';
import { paymentStatuses, type Roll, type RollLines } from '../../../shared/payments/rolls';

const base = '/api/payments/elderly_allowance/rolls';

export function RollsPage() {
  const list = useUrlList();
  const can = useCan();
  const { data, isFetching, error, refetch } = useQuery({
    queryKey: ['elderly-rolls', list.query],
    queryFn: () => api.get<Page<Roll>>(`${base}${list.query}`),
    refetchInterval: (q) => (q.state.data?.items.some((r) => r.status === 'building') ? 3000 : false),
  });
  return (
    <div>
      <PageHeader
        title="高龄津贴发放名册"
        sub="每个县（市、区）每月一册：已确认首次发放、当月在发放期内的老人，金额按当月年龄段的标准。县级审核后导出银行代发文件。"
      />
      {can('elderly_allowance.roll') && (
        <BuildRoll api={base} path="/elderly-allowance/rolls" unit="人" rollQuery="elderly-roll" onBuilt={() => void refetch()} />
      )}
      <ListError error={error} />
      <ListTable<Roll>
        list={list}
        page={data}
        loading={isFetching && !data}
        unit="册"
        empty={{
          none: can('elderly_allowance.roll')
            ? '还没有发放名册。在上方选择县（市、区）和发放月份，点击“编制名册”。'
            : '还没有发放名册。名册由县级民政部门每月编制。',
        }}
        columns={rollColumns({ path: '/elderly-allowance/rolls', unit: '人', own: data?.items.some((r) => !r.wholeRoll) ? '本辖区' : '' })}
      />
    </div>
  );
}

type Line = RollLines['items'][number];

export function RollPage() {
  const { id } = useParams();
  const list = useUrlList({ pageSize: 50 });
  const can = useCan();
  const client = useQueryClient();
  const { message } = App.useApp();
  const { data, isFetching, error } = useQuery({
    queryKey: ['elderly-roll', id, list.query],
    queryFn: () => api.get<RollLines>(`${base}/${id}/lines${list.query}`),
  });
  if (error && !data) return <NotFoundResult title={errorMessage(error)} back="/elderly-allowance/rolls" backLabel="返回发放名册" />;
  const roll = data?.roll;
  const manage = can('elderly_allowance.roll');
  const approve = async () => {
    try {
      await api.post(`${base}/${id}/approve`);
      message.success('名册已审核');
      void client.invalidateQueries({ queryKey: ['elderly-roll', id] });
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  const bankFile = (format: 'xlsx' | 'csv', onlyFailed = false, bankFormat?: number) =>
    download(
      `${base}/${id}/bank-file?format=${format}${onlyFailed ? '&onlyFailed=true' : ''}${bankFormat ? `&bankFormat=${bankFormat}` : ''}`,
      `高龄津贴代发文件.${format}`,
    )
      .then(() => {
        message.success('已导出，请在浏览器的下载列表中查看');
        // A 补发 export turns failed lines into 已补发待回盘.
        if (onlyFailed) void client.invalidateQueries({ queryKey: ['elderly-roll', id] });
      })
      .catch((e) => message.error(errorMessage(e, '导出失败')));
  return (
    <div>
      <PageHeader
        title={roll ? `高龄津贴发放名册 ${monthLabel(roll.month)}` : '高龄津贴发放名册'}
        sub={roll ? `${roll.wholeRoll ? '' : '本辖区'}共 ${roll.lines} 人，合计 ${yuan(roll.totalFen)} 元` : undefined}
        extra={
          <Space>
            {manage && roll?.status === 'built' && (
              <Button
                type="primary"
                onClick={() => void approve()}
                disabled={Boolean(roll.approveBlockedReason)}
                title={roll.approveBlockedReason ?? undefined}
              >
                审核通过
              </Button>
            )}
            <Button href={`${base}/${id}/pdf`} target="_blank" rel="noopener">
              打印名册
            </Button>
          </Space>
        }
      />
      {manage && roll?.status === 'approved' && (
        // The same bank panel as social assistance's roll: 代发文件, 补发 and the bank's result (回盘), for this programme.
        <BankPanel
          rollId={Number(id)}
          programme="elderly_allowance"
          payeePage="乡镇（街道）"
          onExport={bankFile}
          onImported={() => void client.invalidateQueries({ queryKey: ['elderly-roll', id] })}
        />
      )}
      {roll?.approveBlockedReason && roll.status === 'built' && manage && (
        <Alert type="info" showIcon title={roll.approveBlockedReason} style={{ marginBottom: 12 }} />
      )}
      <ListTable<Line>
        list={list}
        page={data}
        loading={isFetching}
        unit="人"
        rowKey="lineNo"
        empty={{ none: '名册中没有人员。乡镇（街道）确认首次发放后，重新编制名册即可列入。' }}
        columns={[
          { title: '流水号', dataIndex: 'lineNo' },
          { title: '姓名', dataIndex: 'payeeName' },
          { title: '区划', dataIndex: 'divisionName' },
          { title: '年龄段', dataIndex: 'benefitTypeName' },
          { title: '依据', dataIndex: 'breakdown' },
          { title: '金额（元）', dataIndex: 'amountFen', align: 'right', render: (f: number) => <Money fen={f} unit={false} /> },
          {
            title: '发放结果',
            dataIndex: 'paymentStatus',
            render: (v: Line['paymentStatus'], r) => (
              <Space size={4} wrap>
                <Tag color={v === 'paid' ? 'green' : v === 'failed' ? 'red' : v === 'reissued' ? 'orange' : undefined}>
                  {paymentStatuses[v]}
                </Tag>
                {r.failureReason && <span style={{ color: '#cf1322' }}>{r.failureReason}</span>}
              </Space>
            ),
          },
        ]}
      />
    </div>
  );
}
