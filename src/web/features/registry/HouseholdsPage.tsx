import { useState } from 'react';
import { App, Button, Empty, Form, Input, Space, Table } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { api, ApiError, download, qs, type Page } from '../../app/api';
import { useCan } from '../../app/auth';
import { DivisionPicker } from '../../components/DivisionPicker';
import type { HouseholdRow } from './types';

interface Filter {
  headName?: string;
  idNumber?: string;
  divisionCode?: string;
}

export function HouseholdsPage() {
  const [filter, setFilter] = useState<Filter>({});
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const can = useCan();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { data, isFetching } = useQuery({
    queryKey: ['households', filter, page],
    queryFn: () => api.get<Page<HouseholdRow>>(`/api/households${qs({ ...filter, ...page })}`),
  });
  return (
    <div>
      <h2 className="page-title">家庭档案</h2>
      <Form layout="inline" onFinish={(v: Filter) => { setFilter(v); setPage((p) => ({ ...p, page: 1 })); }} style={{ marginBottom: 16, rowGap: 8 }}>
        <Form.Item name="headName" label="户主姓名"><Input allowClear /></Form.Item>
        <Form.Item name="idNumber" label="成员身份证号"><Input allowClear style={{ width: 200 }} data-testid="household-filter-idNumber" /></Form.Item>
        <Form.Item name="divisionCode" label="区划"><DivisionPicker anyLevel /></Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" data-testid="household-filter-submit">查询</Button>
          {can('registry.export') && (
            <Button onClick={() => download(`/api/households/export${qs(filter)}`, '家庭名单.xlsx').catch((e) => message.error(e instanceof ApiError ? e.message : '导出失败'))}>导出 Excel</Button>
          )}
          {can('registry.write') && <Button onClick={() => navigate('/households/new')} data-testid="household-new">登记家庭</Button>}
        </Space>
      </Form>
      <Table<HouseholdRow>
        rowKey="id"
        size="middle"
        loading={isFetching}
        dataSource={data?.items}
        locale={{ emptyText: <Empty description="没有符合条件的家庭。可调整查询条件，或点击“登记家庭”。" /> }}
        pagination={{ current: page.page, pageSize: page.pageSize, total: data?.total, showSizeChanger: true, showTotal: (t) => `共 ${t} 户`, onChange: (p, s) => setPage({ page: p, pageSize: s }) }}
        columns={[
          { title: '户编号', dataIndex: 'householdNo', render: (v, r) => <Link to={`/households/${r.id}`} data-testid="household-link">{v}</Link> },
          { title: '户主', dataIndex: 'headName' },
          { title: '人数', dataIndex: 'memberCount', width: 70 },
          { title: '所在地', dataIndex: 'divisionName' },
          { title: '住址', dataIndex: 'address' },
        ]}
      />
    </div>
  );
}
