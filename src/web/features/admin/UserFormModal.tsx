import { useState } from 'react';
import { Alert, Col, Form, Input, Modal, Row, Select, Switch } from 'antd';
import { api } from '../../app/api';
import { applyServerErrors } from '../../app/forms';
import { DivisionPicker } from '../../components/DivisionPicker';
import type { OrganisationRow } from '../../../shared/registry/organisations';
import type { Role } from '../../../shared/admin/roles';
import type { CreateUserAnswer, UserRow } from '../../../shared/admin/users';

interface Values {
  username: string;
  displayName: string;
  roles: string[];
  divisionCode: string;
  organisationId?: number | null;
  disabled?: boolean;
  unlock?: boolean;
}

/**
 * 新建用户 / 编辑用户. Editing sends only what changed: the server refuses any change of one's own
 * roles or disabling oneself, so those fields are locked on one's own account.
 */
export function UserFormModal({
  user,
  self,
  roles,
  orgs,
  onClose,
  onSaved,
}: {
  user: UserRow | null;
  self: boolean;
  roles: Role[];
  orgs: OrganisationRow[];
  onClose: () => void;
  onSaved: (created?: CreateUserAnswer) => void;
}) {
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (v: Values) => {
    setError(null);
    setBusy(true);
    try {
      if (user) {
        const changes: Record<string, unknown> = {};
        if (v.displayName.trim() !== user.displayName) changes.displayName = v.displayName.trim();
        if (!self && JSON.stringify([...v.roles].sort()) !== JSON.stringify([...user.roles].sort())) changes.roles = v.roles;
        if (v.divisionCode !== user.divisionCode) changes.divisionCode = v.divisionCode;
        if ((v.organisationId ?? null) !== user.organisationId) changes.organisationId = v.organisationId ?? null;
        if (!self && Boolean(v.disabled) !== user.disabled) changes.disabled = Boolean(v.disabled);
        if (v.unlock) changes.unlock = true;
        if (Object.keys(changes).length) await api.patch(`/api/users/${user.id}`, changes);
        onSaved();
      } else {
        const r = await api.post<CreateUserAnswer>('/api/users', {
          username: v.username.trim(),
          displayName: v.displayName.trim(),
          roles: v.roles,
          divisionCode: v.divisionCode,
          organisationId: v.organisationId ?? null,
        });
        onSaved(r);
      }
    } catch (e) {
      setError(applyServerErrors(form, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={user ? `编辑用户：${user.username}` : '新建用户'}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="保存"
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'user-save' } as never}
      width={640}
      maskClosable={false}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="user-form-error" />}
      <Form<Values> form={form} layout="vertical" onFinish={submit} initialValues={user ?? { roles: [] }}>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item
              name="username"
              label="用户名（登录用）"
              rules={[
                { required: true, message: '请填写用户名' },
                { pattern: /^[A-Za-z0-9_.-]{3,32}$/, message: '3–32 位字母、数字、下划线、点或短横线' },
              ]}
            >
              <Input disabled={Boolean(user)} autoComplete="off" placeholder="如 zhangsan01" data-testid="user-username" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="displayName"
              label="姓名"
              rules={[
                { required: true, whitespace: true, message: '请填写姓名' },
                { max: 40, message: '最多 40 个字' },
              ]}
            >
              <Input data-testid="user-displayName" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="roles"
          label="角色"
          rules={[{ required: true, message: '请至少选择一个角色' }]}
          extra={self ? '不能修改自己的角色' : undefined}
        >
          <Select mode="multiple" disabled={self} options={roles.map((r) => ({ value: r.code, label: r.name }))} data-testid="user-roles" />
        </Form.Item>
        <Form.Item
          name="divisionCode"
          label="管辖范围"
          rules={[{ required: true, message: '请选择管辖范围' }]}
          extra="账号只能查看和办理此区划及其下级的人员与家庭。"
        >
          <DivisionPicker anyLevel testId="user-division" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="organisationId"
          label="所属组织"
          extra="组织的工作人员只能看到本组织及其下级组织服务的人员。局机关和乡镇、村社区工作人员不选。"
        >
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="不属于任何组织"
            options={orgs.map((o) => ({ value: o.id, label: `${o.name}（${o.creditCode ?? o.platformNo ?? ''}）` }))}
            data-testid="user-organisation"
          />
        </Form.Item>
        {user && (
          <Row gutter={16}>
            <Col span={12}>
              <Form.Item
                name="disabled"
                label="停用账号"
                valuePropName="checked"
                extra={self ? '不能停用自己' : '停用后立即下线，不能再登录'}
              >
                <Switch disabled={self} data-testid="user-disabled" />
              </Form.Item>
            </Col>
            {user.lockedUntil && (
              <Col span={12}>
                <Form.Item name="unlock" label="解除锁定" valuePropName="checked" extra="密码错误次数过多而被锁定">
                  <Switch data-testid="user-unlock" />
                </Form.Item>
              </Col>
            )}
          </Row>
        )}
      </Form>
    </Modal>
  );
}
