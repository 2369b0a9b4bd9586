import { useState } from 'react';
import { App, Button, Empty, Form, Input, Space, Table } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { api, download, qs, ApiError, type Page } from '../../app/api';
import { useCan } from '../../app/auth';
import { DivisionPicker } from '../../components/DivisionPicker';
import { hukouTypes, relations } from '../../../shared/registry-codes';
import { sexNames, type PersonRow } from './types';

interface Filter {
  name?: string;
  idNumber?: string;
  divisionCode?: string;
}

export function PersonsPage() {
  const [filter, setFilter] = useState<Filter>({});
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const can = useCan();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { data, isFetching, error } = useQuery({
    queryKey: ['persons', filter, page],
    queryFn: () => api.get<Page<PersonRow>>(`/api/persons${qs({ ...filter, ...page })}`),
  });
  const exportXlsx = async () => {
    try {
      await download(`/api/persons/export${qs(filter)}`, '人员名单.xlsx');
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '导出失败');
    }
  };
  return (
    <div>
      <h2 className="page-title">人员查询</h2>
      <Form layout="inline" onFinish={(v: Filter) => { setFilter(v); setPage((p) => ({ ...p, page: 1 })); }} style={{ marginBottom: 16, rowGap: 8 }}>
        <Form.Item name="name" label="姓名"><Input placeholder="姓名开头" allowClear data-testid="filter-name" /></Form.Item>
        <Form.Item name="idNumber" label="身份证号"><Input placeholder="完整的 18 位号码" allowClear style={{ width: 200 }} data-testid="filter-idNumber" /></Form.Item>
        <Form.Item name="divisionCode" label="区划"><DivisionPicker anyLevel /></Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" data-testid="filter-submit">查询</Button>
          {can('registry.export') && <Button onClick={exportXlsx}>导出 Excel</Button>}
          {can('registry.write') && <Button onClick={() => navigate('/persons/new')}>登记人员</Button>}
        </Space>
      </Form>
      {error && <Empty description={(error as Error).message} />}
      <Table<PersonRow>
        rowKey="id"
        size="middle"
        loading={isFetching}
        dataSource={data?.items}
        locale={{ emptyText: <Empty description="没有符合条件的人员。可调整查询条件，或登记新人员、导入花名册。" /> }}
        pagination={{ current: page.page, pageSize: page.pageSize, total: data?.total, showSizeChanger: true, showTotal: (t) => `共 ${t} 人`, onChange: (p, s) => setPage({ page: p, pageSize: s }) }}
        columns={[
          { title: '姓名', dataIndex: 'name', render: (v, r) => <Link to={`/persons/${r.id}`} data-testid="person-link">{v}</Link> },
          { title: '性别', dataIndex: 'sex', width: 60, render: (v: PersonRow['sex']) => (v ? sexNames[v] : '') },
          { title: '出生日期', dataIndex: 'birthDate', width: 110 },
          { title: '身份证号', dataIndex: 'idNumberMasked', render: (v, r) => <span data-testid="id-masked">{v ?? (r.noIdReason ? `无（${r.noIdReason}）` : '')}</span> },
          { title: '联系电话', dataIndex: 'phoneMasked' },
          { title: '户籍地', dataIndex: 'hukouDivisionName' },
          { title: '城乡', dataIndex: 'hukouType', width: 60, render: (v: 'urban' | 'rural') => hukouTypes[v] },
          { title: '与户主关系', dataIndex: 'relation', width: 90, render: (v: string | null) => (v ? relations[v as keyof typeof relations] : '') },
        ]}
      />
    </div>
  );
}
