import { useState } from 'react';
import { Alert, Button, Empty, Form, Input, Modal, Select, Space, Table } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api, qs, type Page } from '../../app/api';
import { applyServerErrors } from '../../app/forms';
import { DivisionPicker } from '../../components/DivisionPicker';

interface Org {
  id: number;
  name: string;
  kind: string;
  kindName: string;
  divisionCode: string;
  divisionName: string | null;
}

const kinds = { department: '局机关科室', rescue_station: '救助管理站', care_facility: '养老机构', volunteer_team: '志愿服务队', charity: '慈善组织', shop: '慈善超市' };
const kindOptions = Object.entries(kinds).map(([value, label]) => ({ value, label }));

export function OrganisationsPage() {
  const [filter, setFilter] = useState<{ q?: string; kind?: string }>({});
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [editing, setEditing] = useState<Org | 'new' | null>(null);
  const { data, refetch, isFetching } = useQuery({ queryKey: ['orgs', filter, page], queryFn: () => api.get<Page<Org>>(`/api/organisations${qs({ ...filter, ...page })}`) });
  return (
    <div>
      <h2 className="page-title">组织机构</h2>
      <Form layout="inline" onFinish={(v) => { setFilter(v); setPage((p) => ({ ...p, page: 1 })); }} style={{ marginBottom: 16 }}>
        <Form.Item name="q" label="名称"><Input allowClear /></Form.Item>
        <Form.Item name="kind" label="类型"><Select allowClear style={{ width: 160 }} options={kindOptions} /></Form.Item>
        <Space>
          <Button type="primary" htmlType="submit">查询</Button>
          <Button onClick={() => setEditing('new')}>新建组织</Button>
        </Space>
      </Form>
      <Table<Org>
        rowKey="id"
        size="middle"
        loading={isFetching}
        dataSource={data?.items}
        locale={{ emptyText: <Empty description="还没有组织。救助管理站、养老机构、志愿服务队等在此登记后，可为其开设工作人员账号。" /> }}
        pagination={{ current: page.page, pageSize: page.pageSize, total: data?.total, onChange: (p, s) => setPage({ page: p, pageSize: s }) }}
        columns={[
          { title: '名称', dataIndex: 'name' },
          { title: '类型', dataIndex: 'kindName' },
          { title: '所在地', dataIndex: 'divisionName' },
          { title: '操作', key: 'op', render: (_, o) => <Button type="link" size="small" onClick={() => setEditing(o)}>编辑</Button> },
        ]}
      />
      {editing && <OrgForm org={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onSaved={() => { setEditing(null); void refetch(); }} />}
    </div>
  );
}

function OrgForm({ org, onClose, onSaved }: { org: Org | null; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const submit = async (v: { name: string; kind: string; divisionCode: string }) => {
    try {
      if (org) await api.patch(`/api/organisations/${org.id}`, v);
      else await api.post('/api/organisations', v);
      onSaved();
    } catch (e) {
      setError(applyServerErrors(form, e));
    }
  };
  return (
    <Modal open title={org ? '编辑组织' : '新建组织'} onCancel={onClose} onOk={() => form.submit()} okText="保存">
      {error && <Alert type="error" message={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={org ?? {}}>
        <Form.Item name="name" label="名称" rules={[{ required: true, min: 2, message: '请填写组织名称' }]}><Input /></Form.Item>
        <Form.Item name="kind" label="类型" rules={[{ required: true, message: '请选择类型' }]}><Select options={kindOptions} /></Form.Item>
        <Form.Item name="divisionCode" label="所在区划" rules={[{ required: true, message: '请选择所在区划' }]}><DivisionPicker anyLevel /></Form.Item>
      </Form>
    </Modal>
  );
}
