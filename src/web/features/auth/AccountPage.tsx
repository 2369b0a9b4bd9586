import { useState } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Form, Input, QRCode, Row, Space, Steps, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, errorMessage } from '../../app/api';
import { applyServerErrors } from '../../app/forms';
import { ME_KEY, useMe, type Me } from '../../app/auth';
import { PageHeader } from '../../app/list';
import { defaultRoles } from '../../../shared/permissions';

interface Role {
  code: string;
  name: string;
}

/** 账号与安全: who I am, my jurisdiction, password change, binding the TOTP authenticator. */
export function AccountPage() {
  const { data: me } = useMe();
  const [setup, setSetup] = useState<{ secret: string; otpauthUrl: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ code: string }>();
  const client = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  // The role list is readable by administrators only; others see the seeded names.
  const roles = useQuery({ queryKey: ['roles'], queryFn: () => api.get<Role[]>('/api/roles'), enabled: Boolean(me?.permissions.includes('user.manage')) });
  if (!me) return null;
  const roleName = (c: string) => roles.data?.find((r) => r.code === c)?.name ?? defaultRoles.find((r) => r.code === c)?.name ?? c;

  const start = async () => {
    setError(null);
    setBusy(true);
    try {
      setSetup(await api.post<{ secret: string; otpauthUrl: string }>('/api/auth/totp/setup'));
      form.resetFields();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const enable = async (v: { code: string }) => {
    setError(null);
    try {
      const res = await api.post<{ me: Me }>('/api/auth/totp/enable', v);
      client.setQueryData(ME_KEY, res.me);
      setSetup(null);
      message.success('动态口令已启用，以后登录时需要输入');
    } catch (e) {
      setError(applyServerErrors(form, e));
    }
  };

  return (
    <div style={{ maxWidth: 900 }}>
      <PageHeader title="账号与安全" />
      {me.totpRequired && !me.totpEnabled && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title="您的角色要求使用动态口令（双因素认证）。请先完成下面的设置，之后才能使用其他功能。" data-testid="totp-required" />
      )}
      <Descriptions
        bordered
        column={2}
        size="small"
        items={[
          { key: 'u', label: '用户名', children: me.username },
          { key: 'n', label: '姓名', children: me.displayName },
          { key: 'd', label: '管辖范围', children: me.divisionName },
          { key: 'o', label: '所属组织', children: me.organisationName ?? '—' },
          { key: 'r', label: '角色', span: 2, children: me.roles.map((r) => <Tag key={r}>{roleName(r)}</Tag>) },
          {
            key: 't',
            label: '动态口令',
            span: 2,
            children: (
              <>
                {me.totpEnabled ? <Tag color="green">已启用</Tag> : <Tag>未启用</Tag>}
                {me.totpRequired && <Typography.Text type="secondary">（角色要求）</Typography.Text>}
              </>
            ),
          },
        ]}
      />
      <Space style={{ marginTop: 16 }}>
        <Button onClick={() => navigate('/change-password')}>修改密码</Button>
        <Button type={me.totpEnabled ? 'default' : 'primary'} loading={busy} onClick={start} data-testid="totp-setup">
          {me.totpEnabled ? '重新绑定动态口令' : '设置动态口令'}
        </Button>
      </Space>
      {setup && (
        <Card size="small" title="绑定动态口令" className="section-gap">
          <Steps
            size="small"
            orientation="vertical"
            items={[
              { title: '在手机上安装验证器', content: '如“腾讯身份验证器”“Microsoft Authenticator”“Google 身份验证器”，任选其一。', status: 'process' },
              { title: '扫描二维码，或手动输入密钥', content: '无法扫码时，在验证器中选择“手动输入”，账号填写您的用户名，密钥填写下方字符串（基于时间）。', status: 'process' },
              { title: '填写验证器显示的 6 位口令并启用', status: 'process' },
            ]}
          />
          <Row gutter={24} align="top">
            <Col flex="none">
              <QRCode value={setup.otpauthUrl} size={180} />
            </Col>
            <Col flex="auto" style={{ minWidth: 0 }}>
              <Typography.Paragraph style={{ marginBottom: 4 }}>密钥：</Typography.Paragraph>
              <Typography.Paragraph copyable={{ text: setup.secret }} code data-testid="totp-secret" style={{ fontSize: 16 }}>{setup.secret}</Typography.Paragraph>
              <Typography.Paragraph style={{ marginBottom: 4 }}>otpauth 地址：</Typography.Paragraph>
              <Typography.Paragraph copyable code style={{ wordBreak: 'break-all', fontSize: 12 }} data-testid="totp-uri">{setup.otpauthUrl}</Typography.Paragraph>
              {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
              <Form form={form} layout="inline" onFinish={enable}>
                <Form.Item name="code" rules={[{ required: true, pattern: /^\d{6}$/, message: '请输入 6 位数字口令' }]}>
                  <Input placeholder="6 位动态口令" maxLength={6} inputMode="numeric" autoComplete="one-time-code" style={{ width: 160 }} data-testid="totp-code" />
                </Form.Item>
                <Button type="primary" htmlType="submit" data-testid="totp-enable">启用</Button>
                <Button type="link" onClick={() => setSetup(null)}>取消</Button>
              </Form>
            </Col>
          </Row>
        </Card>
      )}
    </div>
  );
}
