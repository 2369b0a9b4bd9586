import { Checkbox, Form, Input, Select, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { api, type Page } from '../../../app/api';
import { FilterForm, ListError, ListTable, PageHeader, useUrlList } from '../../../app/list';
import { assistanceCategories, entitlementStatuses } from '../../../../shared/assistance-codes';
import { monthLabel, shanghaiToday } from '../../../../shared/dates';
import { yuan } from '../../../../shared/money';
import { shortDivision } from '../cases/caseColumns';
import type { EntitlementRow } from '../../../../shared/assistance/entitlements';

type Filter = { category?: string; status?: string; reviewDue?: string; q?: string };
interface FormValues {
  category?: string;
  status?: string;
  reviewDue?: boolean;
  q?: string;
}

const options = (o: Record<string, string>) => Object.entries(o).map(([value, label]) => ({ value, label }));
export const entitlementStatusColors = { active: 'green', suspended: 'orange', stopped: 'default' } as const;

/** 救助对象: the entitlements in the jurisdiction, with their amount, explanation and next review date. */
export function EntitlementsPage() {
  const list = useUrlList<Filter>();
  const [form] = Form.useForm<FormValues>();
  const navigate = useNavigate();
  const { data, isFetching, error } = useQuery({
    queryKey: ['assistance-entitlements', list.query],
    queryFn: () => api.get<Page<EntitlementRow>>(`/api/assistance/entitlements${list.query}`),
  });
  const today = shanghaiToday();
  return (
    <div>
      <PageHeader title="救助对象" sub="管辖范围内享受低保、特困等待遇的对象。点击收款人查看变更记录，办理复核、暂停、恢复或停发。" />
      <FilterForm<FormValues>
        form={form}
        filter={list.filter}
        filterKey={list.filterKey}
        onSearch={list.setFilter}
        submitTestId="entitlements-filter-submit"
        toForm={(f) => ({ category: f.category, status: f.status, q: f.q, reviewDue: f.reviewDue === 'true' })}
        fromForm={(v) => ({ category: v.category, status: v.status, q: v.q, reviewDue: v.reviewDue ? 'true' : undefined })}
      >
        <Form.Item name="q" label="姓名">
          <Input allowClear placeholder="收款人姓名" style={{ width: 150 }} data-testid="entitlements-q" />
        </Form.Item>
        <Form.Item name="category" label="类别">
          <Select allowClear options={options(assistanceCategories)} style={{ width: 140 }} placeholder="全部" />
        </Form.Item>
        <Form.Item name="status" label="状态">
          <Select allowClear options={options(entitlementStatuses)} style={{ width: 120 }} placeholder="全部" />
        </Form.Item>
        <Form.Item name="reviewDue" valuePropName="checked">
          <Checkbox data-testid="entitlements-review-due">近30天到期复核</Checkbox>
        </Form.Item>
      </FilterForm>
      <ListError error={error} form={form} />
      <ListTable<EntitlementRow>
        list={list}
        page={data}
        loading={isFetching}
        unit="户"
        rowId="entitlement-row"
        onRow={(r) => ({ onClick: () => void navigate(`/assistance/entitlements/${r.id}`), style: { cursor: 'pointer' } })}
        empty={{ filtered: '没有符合条件的救助对象', none: '暂无救助对象' }}
        columns={[
          {
            title: '收款人',
            dataIndex: 'payeeName',
            width: 110,
            render: (v: string, r) => (
              <Link to={`/assistance/entitlements/${r.id}`} onClick={(e) => e.stopPropagation()} data-testid="entitlement-link">
                {v}
              </Link>
            ),
          },
          { title: '类别', dataIndex: 'categoryName', width: 100 },
          { title: '村（社区）', dataIndex: 'divisionName', ellipsis: true, render: (v: string | null) => shortDivision(v) ?? '—' },
          { title: '保障人数', dataIndex: 'coveredCount', width: 90, align: 'right' },
          {
            title: '月金额（元）',
            dataIndex: 'monthlyFen',
            width: 120,
            align: 'right',
            render: (v: number) => <span className="money">{yuan(v)}</span>,
          },
          { title: '计算说明', dataIndex: 'breakdown', ellipsis: true, width: 320 },
          {
            title: '起始月份',
            dataIndex: 'startMonth',
            width: 110,
            render: (v: string, r) => (
              <>
                {monthLabel(v)}
                {r.endMonth && <div className="hint">至 {monthLabel(r.endMonth)}</div>}
              </>
            ),
          },
          {
            title: '状态',
            dataIndex: 'statusName',
            width: 90,
            render: (v: string, r) =>
              r.stopNoticeEnds ? <Tag color="red">终止公示中</Tag> : <Tag color={entitlementStatusColors[r.status]}>{v}</Tag>,
          },
          {
            title: '下次复核日期',
            dataIndex: 'nextReviewDate',
            width: 120,
            render: (v: string | null) =>
              v ? <span style={v < today ? { color: '#cf1322', fontWeight: 600 } : undefined}>{v}</span> : <span className="hint">—</span>,
          },
        ]}
      />
    </div>
  );
}
