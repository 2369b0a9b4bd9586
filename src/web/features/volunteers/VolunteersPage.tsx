import { Button, DatePicker, Form, Input, Select, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import dayjs, { type Dayjs } from 'dayjs';
import { api, type Page } from '../../app/api';
import { useCan } from '../../app/auth';
import { ExportButton, FilterForm, ListError, ListTable, PageHeader, useUrlList } from '../../app/list';
import { DivisionPicker } from '../../components/DivisionPicker';
import { serviceCategories, volunteerStatuses } from '../../../shared/volunteers/codes';
import type { VolunteerRow } from '../../../shared/volunteers/volunteers';
import { options, useTeams } from './ChoiceFields';

type Filter = {
  name?: string;
  divisionCode?: string;
  category?: string;
  status?: string;
  registeredFrom?: string;
  registeredTo?: string;
  organisationId?: string;
};
type FormValues = Omit<Filter, 'registeredFrom' | 'registeredTo'> & { registered?: [Dayjs | null, Dayjs | null] | null };

export function StatusTag({ status, name }: { status: string; name: string }) {
  return <Tag color={status === 'registered' ? 'green' : 'default'}>{name}</Tag>;
}

/** 志愿者名单: every volunteer inside the jurisdiction (a team's staff: their team and its sub-teams), with the filters and the export. */
export function VolunteersPage() {
  const list = useUrlList<Filter>();
  const [form] = Form.useForm<FormValues>();
  const can = useCan();
  const navigate = useNavigate();
  const teams = useTeams();
  const { data, isFetching, error } = useQuery({
    queryKey: ['volunteers', list.query],
    queryFn: () => api.get<Page<VolunteerRow>>(`/api/volunteers${list.query}`),
  });
  return (
    <div>
      <PageHeader
        title="志愿者名单"
        sub="本辖区注册的志愿者。姓名、身份证号等以人口库为准；志愿者编号由平台生成，对外使用编号，不使用身份证号。"
        extra={
          can('volunteers.register') && (
            <Button type="primary" onClick={() => navigate('/volunteers/register')} data-testid="volunteer-new">
              登记志愿者
            </Button>
          )
        }
      />
      <FilterForm<FormValues>
        form={form}
        filter={list.filter}
        filterKey={list.filterKey}
        onSearch={list.setFilter}
        toForm={(f) => ({
          ...f,
          registered:
            f.registeredFrom || f.registeredTo
              ? [f.registeredFrom ? dayjs(f.registeredFrom) : null, f.registeredTo ? dayjs(f.registeredTo) : null]
              : null,
        })}
        fromForm={(v) => ({
          name: v.name?.trim() || undefined,
          divisionCode: v.divisionCode,
          category: v.category,
          status: v.status,
          organisationId: v.organisationId ? String(v.organisationId) : undefined,
          registeredFrom: v.registered?.[0]?.format('YYYY-MM-DD'),
          registeredTo: v.registered?.[1]?.format('YYYY-MM-DD'),
        })}
        actions={can('volunteers.export') && <ExportButton url="/api/volunteers/export" filter={list.filter} filename="志愿者名单.xlsx" />}
      >
        <Form.Item name="name" label="姓名">
          <Input allowClear placeholder="姓名开头" style={{ width: 120 }} data-testid="volunteer-filter-name" />
        </Form.Item>
        <Form.Item name="divisionCode" label="区划">
          <DivisionPicker anyLevel testId="volunteer-filter-division" />
        </Form.Item>
        <Form.Item name="category" label="服务类别">
          <Select allowClear placeholder="全部" options={options(serviceCategories)} style={{ width: 120 }} />
        </Form.Item>
        <Form.Item name="status" label="状态">
          <Select allowClear placeholder="全部" options={options(volunteerStatuses)} style={{ width: 100 }} />
        </Form.Item>
        <Form.Item name="registered" label="注册日期">
          <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: 240 }} />
        </Form.Item>
        {(teams.data?.length ?? 0) > 0 && (
          <Form.Item name="organisationId" label="组织">
            <Select
              allowClear
              placeholder="全部"
              showSearch={{ optionFilterProp: 'label' }}
              options={(teams.data ?? []).map((t) => ({ value: String(t.id), label: t.name }))}
              style={{ width: 180 }}
            />
          </Form.Item>
        )}
      </FilterForm>
      <ListError error={error} form={form} />
      <ListTable<VolunteerRow>
        list={list}
        page={data}
        loading={isFetching}
        unit="人"
        rowId="volunteer-row"
        empty={{
          filtered: '没有符合条件的志愿者，请调整筛选条件。',
          none: '本辖区还没有注册的志愿者。居民可在“居民服务”中自助注册；到窗口办理的，点击右上角“登记志愿者”，按身份证号查找人员后登记。',
        }}
        columns={[
          { title: '志愿者编号', dataIndex: 'volunteerNo', render: (n: string, r) => <Link to={`/volunteers/${r.id}`}>{n}</Link> },
          { title: '姓名', dataIndex: 'name' },
          { title: '年龄', dataIndex: 'age' },
          { title: '身份证号', dataIndex: 'idNumber' },
          { title: '居住地', dataIndex: 'divisionName' },
          { title: '服务类别', dataIndex: 'categoryNames', render: (n: string[]) => n.join('、') },
          { title: '组织', dataIndex: 'organisationName' },
          { title: '注册日期', dataIndex: 'registeredOn' },
          { title: '渠道', dataIndex: 'sourceName' },
          { title: '状态', dataIndex: 'status', render: (s: string, r) => <StatusTag status={s} name={r.statusName} /> },
        ]}
      />
    </div>
  );
}
