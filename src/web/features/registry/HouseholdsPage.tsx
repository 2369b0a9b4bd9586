import { Button, Form, Input } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { api, type Page } from '../../app/api';
import { useCan } from '../../app/auth';
import { ExportButton, FilterForm, ListError, ListTable, PageHeader, useUrlList } from '../../app/list';
import { DivisionPicker } from '../../components/DivisionPicker';
import { idNumberRule } from './PersonFields';
import type { HouseholdRow } from '../../../shared/registry/households';

type Filter = { headName?: string; idNumber?: string; divisionCode?: string };

/** 家庭档案: by head's name, a member's ID number, division. */
export function HouseholdsPage() {
  const list = useUrlList<Filter>();
  const [form] = Form.useForm();
  const can = useCan();
  const navigate = useNavigate();
  const { data, isFetching, error } = useQuery({
    queryKey: ['households', list.query],
    queryFn: () => api.get<Page<HouseholdRow>>(`/api/households${list.query}`),
  });
  return (
    <div>
      <PageHeader title="家庭档案" sub="以户为单位的家庭成员与待遇。点击户编号查看、添加成员、登记待遇和打印登记表。" />
      <FilterForm
        form={form}
        filter={list.filter}
        filterKey={list.filterKey}
        onSearch={list.setFilter}
        submitTestId="household-filter-submit"
        actions={
          <>
            {can('registry.export') && <ExportButton url="/api/households/export" filter={list.filter} filename="家庭名单.xlsx" />}
            {can('registry.write') && (
              <Button type="primary" onClick={() => navigate('/households/new')} data-testid="household-new">
                登记家庭
              </Button>
            )}
          </>
        }
      >
        <Form.Item name="headName" label="户主姓名">
          <Input allowClear maxLength={50} placeholder="姓名或姓名开头" style={{ width: 150 }} data-testid="household-filter-headName" />
        </Form.Item>
        <Form.Item
          name="idNumber"
          label="成员身份证号"
          rules={[idNumberRule]}
          normalize={(v: string) => v?.replace(/\s+/g, '').toUpperCase()}
        >
          <Input allowClear maxLength={18} style={{ width: 200 }} data-testid="household-filter-idNumber" />
        </Form.Item>
        <Form.Item name="divisionCode" label="所在地">
          <DivisionPicker anyLevel />
        </Form.Item>
      </FilterForm>
      <ListError error={error} form={form} />
      <ListTable<HouseholdRow>
        list={list}
        page={data}
        loading={isFetching}
        unit="户"
        rowId="household-row"
        empty={{
          filtered: '没有符合条件的家庭。请检查户主姓名或身份证号，或扩大区划范围。',
          none: '还没有登记家庭。点击“登记家庭”录入户主和成员。',
        }}
        columns={[
          {
            title: '户编号',
            dataIndex: 'householdNo',
            render: (v: string, r) => (
              <Link to={`/households/${r.id}`} data-testid="household-link">
                {v}
              </Link>
            ),
          },
          { title: '户主', dataIndex: 'headName' },
          { title: '人数', dataIndex: 'memberCount', width: 64, align: 'right' },
          { title: '所在地', dataIndex: 'divisionName' },
          { title: '住址', dataIndex: 'address' },
        ]}
      />
    </div>
  );
}
