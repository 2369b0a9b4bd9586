import { Alert, App, Button, Card, Descriptions, Form, Input, Modal, Popconfirm, Result, Select, Space, Spin, Table } from 'antd';
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { api, ApiError, qs, type Page } from '../../app/api';
import { applyServerErrors } from '../../app/forms';
import { useCan } from '../../app/auth';
import { relations } from '../../../shared/registry-codes';
import { sexNames, type HouseholdDetail, type PersonRow } from './types';
import { BenefitTable } from './BenefitTable';
import { AddBenefitButton } from './AddBenefitButton';

export function HouseholdDetailPage() {
  const { id } = useParams();
  const can = useCan();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { data: h, error, refetch } = useQuery({ queryKey: ['household', id], queryFn: () => api.get<HouseholdDetail>(`/api/households/${id}`) });
  if (error) return <Result status="404" title={(error as ApiError).message} extra={<Button onClick={() => navigate('/households')}>返回家庭档案</Button>} />;
  if (!h) return <Spin />;
  const remove = async (personId: number) => {
    try {
      await api.delete(`/api/households/${h.id}/members/${personId}`);
      void refetch();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '操作失败');
    }
  };
  return (
    <div>
      <div className="print-only"><h2 style={{ textAlign: 'center' }}>家庭成员登记表</h2></div>
      <Space className="no-print" style={{ marginBottom: 12 }}>
        <h2 className="page-title" style={{ margin: 0 }}>家庭 {h.householdNo}</h2>
        <Button onClick={() => window.print()}>打印</Button>
      </Space>
      <Descriptions bordered size="small" column={3}>
        <Descriptions.Item label="户编号">{h.householdNo}</Descriptions.Item>
        <Descriptions.Item label="户主">{h.headName}</Descriptions.Item>
        <Descriptions.Item label="人数">{h.memberCount}</Descriptions.Item>
        <Descriptions.Item label="所在地" span={2}>{h.divisionName}</Descriptions.Item>
        <Descriptions.Item label="住址">{h.address}</Descriptions.Item>
      </Descriptions>
      <Card title="家庭成员" size="small" style={{ marginTop: 16 }} extra={can('registry.write') ? <AddMemberButton householdId={h.id} onSaved={() => void refetch()} /> : null}>
        <Table<PersonRow>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={h.members}
          columns={[
            { title: '姓名', dataIndex: 'name', render: (v, r) => <Link to={`/persons/${r.id}`} data-testid="member-link">{v}</Link> },
            { title: '与户主关系', dataIndex: 'relation', render: (v: string) => relations[v as keyof typeof relations] ?? '' },
            { title: '性别', dataIndex: 'sex', render: (v: PersonRow['sex']) => (v ? sexNames[v] : '') },
            { title: '出生日期', dataIndex: 'birthDate' },
            { title: '身份证号', dataIndex: 'idNumberMasked', render: (v) => <span data-testid="member-id-masked">{v}</span> },
            { title: '联系电话', dataIndex: 'phoneMasked' },
            ...(can('registry.write')
              ? [{ title: '', key: 'op', className: 'no-print', render: (_: unknown, r: PersonRow) => (r.relation !== 'head' ? <Popconfirm title={`将 ${r.name} 移出本户？`} onConfirm={() => remove(r.id)}><Button type="link" size="small">移出</Button></Popconfirm> : null) }]
              : []),
          ]}
        />
      </Card>
      <Card title="待遇记录（全体成员）" size="small" style={{ marginTop: 16 }} extra={can('benefit.write') ? <AddBenefitButton persons={h.members.map((m) => ({ id: m.id, name: m.name }))} onSaved={() => void refetch()} /> : null}>
        <BenefitTable benefits={h.benefits} showPerson onChanged={() => void refetch()} />
      </Card>
    </div>
  );
}

/** Adds a registered person (found by ID number) to the household. */
function AddMemberButton({ householdId, onSaved }: { householdId: number; onSaved: () => void }) {
  const [open, setOpen] = useState(false);
  const [found, setFound] = useState<PersonRow | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm();
  const search = async () => {
    setError(null);
    setFound(null);
    try {
      const idNumber = form.getFieldValue('idNumber');
      const res = await api.get<Page<PersonRow>>(`/api/persons${qs({ idNumber })}`);
      if (!res.items.length) setError('人口库中没有该身份证号的人员，请先在“人员查询”中登记');
      else setFound(res.items[0]);
    } catch (e) {
      setError(applyServerErrors(form, e));
    }
  };
  const submit = async (v: { relation: string }) => {
    if (!found) return;
    try {
      await api.post(`/api/households/${householdId}/members`, { personId: found.id, relation: v.relation });
      setOpen(false);
      onSaved();
    } catch (e) {
      setError(applyServerErrors(form, e));
    }
  };
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)}>添加成员</Button>
      <Modal title="添加已登记人员为家庭成员" open={open} onCancel={() => setOpen(false)} onOk={() => form.submit()} okText="添加" okButtonProps={{ disabled: !found }} destroyOnHidden>
        {error && <Alert type="error" message={error} style={{ marginBottom: 12 }} />}
        <Form form={form} layout="vertical" onFinish={submit} initialValues={{ relation: 'child' }}>
          <Form.Item label="身份证号">
            <Space.Compact style={{ width: '100%' }}>
              <Form.Item name="idNumber" noStyle><Input maxLength={18} /></Form.Item>
              <Button onClick={search}>查找</Button>
            </Space.Compact>
          </Form.Item>
          {found && <Alert type="success" message={`${found.name}，${found.idNumberMasked}，${found.hukouDivisionName ?? ''}`} style={{ marginBottom: 12 }} />}
          <Form.Item name="relation" label="与户主关系" rules={[{ required: true }]}>
            <Select options={Object.entries(relations).filter(([k]) => k !== 'head').map(([value, label]) => ({ value, label }))} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
