import { useState } from 'react';
import { Alert, App, Button, Empty, Form, Input, Modal, Select, Table } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api, type Page } from '../../app/api';
import { applyServerErrors } from '../../app/forms';
import { FilterForm, ListError, PageHeader, rowTestId, useUrlList } from '../../app/list';
import { DivisionPicker } from '../../components/DivisionPicker';
import { organisationKinds } from '../../../shared/admin-codes';
import type { Organisation } from '../../../shared/admin/organisations';

type Filter = { q?: string; kind?: string };
const kindOptions = Object.entries(organisationKinds).map(([value, label]) => ({ value, label }));

/** 组织机构: departments, rescue stations, care facilities…, whose staff see only their own persons. */
export function OrganisationsPage() {
  const list = useUrlList<Filter>();
  const [form] = Form.useForm();
  const [editing, setEditing] = useState<Organisation | 'new' | null>(null);
  const { message } = App.useApp();
  const { data, refetch, isFetching, error } = useQuery({
    queryKey: ['orgs', list.query],
    queryFn: () => api.get<Page<Organisation>>(`/api/organisations${list.query}`),
  });
  return (
    <div>
      <PageHeader title="组织机构" sub="救助管理站、养老机构、志愿服务队等在此登记后，可在“用户管理”中为其工作人员开设账号。" />
      <FilterForm
        form={form}
        filter={list.filter}
        filterKey={list.filterKey}
        onSearch={list.setFilter}
        actions={
          <Button type="primary" onClick={() => setEditing('new')} data-testid="org-new">
            新建组织
          </Button>
        }
      >
        <Form.Item name="q" label="名称">
          <Input allowClear maxLength={64} style={{ width: 180 }} />
        </Form.Item>
        <Form.Item name="kind" label="类型">
          <Select allowClear placeholder="全部" style={{ width: 150 }} options={kindOptions} />
        </Form.Item>
      </FilterForm>
      <ListError error={error} form={form} />
      <Table<Organisation>
        rowKey="id"
        size="small"
        loading={isFetching}
        dataSource={data?.items}
        onRow={rowTestId('org-row')}
        scroll={{ x: 'max-content' }}
        locale={{
          emptyText: (
            <Empty description={list.hasFilter ? '没有符合条件的组织。' : '还没有组织。点击“新建组织”登记救助管理站、养老机构等。'} />
          ),
        }}
        pagination={list.pagination(data?.total, '个')}
        columns={[
          { title: '名称', dataIndex: 'name' },
          { title: '类型', dataIndex: 'kindName' },
          { title: '所在地', dataIndex: 'divisionName' },
          {
            title: '操作',
            key: 'op',
            width: 80,
            fixed: 'right',
            render: (_, o) => (
              <Button type="link" size="small" onClick={() => setEditing(o)} data-testid="org-edit">
                编辑
              </Button>
            ),
          },
        ]}
      />
      {editing && (
        <OrganisationModal
          org={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            message.success('已保存');
            void refetch();
          }}
        />
      )}
    </div>
  );
}

function OrganisationModal({ org, onClose, onSaved }: { org: Organisation | null; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm<{ name: string; kind: string; divisionCode: string }>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (v: { name: string; kind: string; divisionCode: string }) => {
    setError(null);
    setBusy(true);
    try {
      const body = { ...v, name: v.name.trim() };
      if (org) await api.patch(`/api/organisations/${org.id}`, body);
      else await api.post('/api/organisations', body);
      onSaved();
    } catch (e) {
      setError(applyServerErrors(form, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={org ? `编辑组织：${org.name}` : '新建组织'}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="保存"
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'org-save' } as never}
      maskClosable={false}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={org ? { name: org.name, kind: org.kind, divisionCode: org.divisionCode } : {}}
      >
        <Form.Item
          name="name"
          label="名称"
          rules={[
            { required: true, whitespace: true, message: '请填写组织名称' },
            { min: 2, message: '请填写组织全称' },
            { max: 100, message: '最多 100 个字' },
          ]}
        >
          <Input placeholder="如：济宁市救助管理站" data-testid="org-name" />
        </Form.Item>
        <Form.Item name="kind" label="类型" rules={[{ required: true, message: '请选择类型' }]}>
          <Select options={kindOptions} data-testid="org-kind" />
        </Form.Item>
        <Form.Item name="divisionCode" label="所在区划" rules={[{ required: true, message: '请选择所在区划' }]}>
          <DivisionPicker anyLevel style={{ width: '100%' }} testId="org-division" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
