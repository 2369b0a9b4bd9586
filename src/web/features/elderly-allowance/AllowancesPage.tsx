import { Form, Input, Select, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, type Page } from '../../app/api';
import { ExportButton, FilterForm, ListError, PageHeader, ListTable, useUrlList } from '../../app/list';
import { DivisionPicker } from '../../components/DivisionPicker';
import { Money } from '../../components/Money';
import { allowanceBands, allowanceStatuses } from '../../../shared/elderly-allowance/codes';
import type { AllowanceRow } from '../../../shared/elderly-allowance/allowances';

type Filter = { divisionCode?: string; band?: string; status?: string; q?: string };

const options = (o: Record<string, string>) => Object.entries(o).map(([value, label]) => ({ value, label }));
export const statusColors: Record<string, string> = { pending: 'gold', paying: 'green', refused: 'default', stopped: 'red' };

export function StatusTag({ status, name }: { status: string; name: string }) {
  return <Tag color={statusColors[status]}>{name}</Tag>;
}

/** 高龄津贴对象: every record inside the jurisdiction, with this month's band and amount. */
export function AllowancesPage() {
  const list = useUrlList<Filter>();
  const [form] = Form.useForm<Filter>();
  const { data, isFetching, error } = useQuery({
    queryKey: ['elderly-allowances', list.query],
    queryFn: () => api.get<Page<AllowanceRow>>(`/api/elderly-allowance/allowances${list.query}`),
  });
  return (
    <div>
      <PageHeader
        title="高龄津贴对象"
        sub="人口库中年满 80 周岁的本辖区户籍老人：自年满 80 周岁的次月起发放，年龄段按当月已满周岁计算；去世或户口迁出本市后自次月起停发，迁回本市后自迁回的次月起恢复。"
      />
      <FilterForm<Filter>
        form={form}
        filter={list.filter}
        filterKey={list.filterKey}
        onSearch={list.setFilter}
        toForm={(f) => f}
        fromForm={(v) => ({ divisionCode: v.divisionCode, band: v.band, status: v.status, q: v.q?.trim() || undefined })}
        actions={<ExportButton url="/api/elderly-allowance/allowances/export" filter={list.filter} filename="高龄津贴名单.xlsx" />}
      >
        <Form.Item name="divisionCode" label="区划">
          <DivisionPicker anyLevel testId="elderly-division" />
        </Form.Item>
        <Form.Item name="band" label="年龄段">
          <Select allowClear placeholder="全部" options={options(allowanceBands)} style={{ width: 150 }} />
        </Form.Item>
        <Form.Item name="status" label="状态">
          <Select allowClear placeholder="全部" options={options(allowanceStatuses)} style={{ width: 120 }} />
        </Form.Item>
        <Form.Item name="q" label="姓名或身份证号">
          <Input allowClear placeholder="姓名开头或完整身份证号" style={{ width: 200 }} />
        </Form.Item>
      </FilterForm>
      <ListError error={error} form={form} />
      <ListTable<AllowanceRow>
        list={list}
        page={data}
        loading={isFetching}
        unit="人"
        rowId="elderly-row"
        empty={{
          filtered: '没有符合条件的人员，请调整筛选条件。',
          none: '还没有高龄津贴对象。乡镇（街道）在“待确认首次发放”中生成本辖区新满 80 周岁人员的名单。',
        }}
        columns={[
          { title: '姓名', dataIndex: 'name', render: (n: string, r) => <Link to={`/elderly-allowance/allowances/${r.id}`}>{n}</Link> },
          { title: '身份证号', dataIndex: 'idNumber' },
          { title: '年龄', dataIndex: 'age' },
          { title: '年龄段', dataIndex: 'bandName' },
          { title: '户籍地', dataIndex: 'divisionName' },
          { title: '状态', dataIndex: 'status', render: (s: string, r) => <StatusTag status={s} name={r.statusName} /> },
          { title: '起始月份', dataIndex: 'startMonth' },
          { title: '截止月份', dataIndex: 'endMonth' },
          { title: '本月金额（元）', dataIndex: 'monthlyFen', align: 'right', render: (f: number) => <Money fen={f} unit={false} /> },
        ]}
      />
    </div>
  );
}
