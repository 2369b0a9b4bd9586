import { useState } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Form, Input, QRCode, Row, Space, Steps, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, errorMessage } from '../../app/api';
import { applyServerErrors } from '../../app/forms';
import { ME_KEY, useMe } from '../../app/auth';
import type { MeAnswer, TotpSetup } from '../../../shared/auth/account';
import { PageHeader } from '../../app/list';
import { defaultRoles } from '../../../shared/permissions';
import type { Role } from '../../../shared/admin/roles';

/**
 * 账号与安全: who I am, my jurisdiction, password change, binding the TOTP authenticator.
 * Binding, re-binding and turning the factor off first confirm who is at the keyboard (A6): the
 * current code where a factor is set, else the login password; the factor in use stays valid until
 * the new one is confirmed. Each change signs the account out everywhere else.
 */
export function AccountPage() {
  const { data: me } = useMe();
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  /** The identity check shown before a setup ('setup') or before turning the factor off ('disable'). */
  const [confirming, setConfirming] = useState<'setup' | 'disable' | null>(null);
  const [confirmError, setConfirmError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ code: string }>();
  const [confirmForm] = Form.useForm<{ code?: string; password?: string }>();
  const client = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  // The role list is readable by administrators only; others see the seeded names.
  const roles = useQuery({
    queryKey: ['roles'],
    queryFn: () => api.get<Role[]>('/api/roles'),
    enabled: Boolean(me?.permissions.includes('user.manage')),
  });
  if (!me) return null;
  const roleName = (c: string) => roles.data?.find((r) => r.code === c)?.name ?? defaultRoles.find((r) => r.code === c)?.name ?? c;

  const open = (what: 'setup' | 'disable') => {
    setSetup(null);
    setConfirmError(null);
    confirmForm.resetFields();
    setConfirming(what);
  };
  const confirm = async (v: { code?: string; password?: string }) => {
    setConfirmError(null);
    setBusy(true);
    try {
      if (confirming === 'disable') {
        const res = await api.post<MeAnswer>('/api/auth/totp/disable', { code: v.code });
        client.setQueryData(ME_KEY, res.me);
        setConfirming(null);
        message.success('动态口令已关闭；本账号在其他地方的登录已退出');
      } else {
        setSetup(await api.post<TotpSetup>('/api/auth/totp/setup', me.totpEnabled ? { code: v.code } : { password: v.password }));
        setConfirming(null);
        setError(null);
        form.resetFields();
      }
    } catch (e) {
      setConfirmError(applyServerErrors(confirmForm, e) || errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const enable = async (v: { code: string }) => {
    if (!setup) return;
    setError(null);
    try {
      const res = await api.post<MeAnswer>('/api/auth/totp/enable', { code: v.code, setupToken: setup.setupToken });
      client.setQueryData(ME_KEY, res.me);
      setSetup(null);
      message.success(
        me.totpEnabled
          ? '动态口令已更换，原口令作废；本账号在其他地方的登录已退出'
          : '动态口令已启用，以后登录时需要输入；本账号在其他地方的登录已退出',
      );
    } catch (e) {
      setError(applyServerErrors(form, e));
    }
  };

  return (
    <div style={{ maxWidth: 900 }}>
      <PageHeader title="账号与安全" />
      {me.totpRequired && !me.totpEnabled && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title="您的角色要求使用动态口令（双因素认证）。请先完成下面的设置，之后才能使用其他功能。"
          data-testid="totp-required"
        />
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
        <Button type={me.totpEnabled ? 'default' : 'primary'} onClick={() => open('setup')} data-testid="totp-setup">
          {me.totpEnabled ? '重新绑定动态口令' : '设置动态口令'}
        </Button>
        {me.totpEnabled && !me.totpRequired && (
          <Button danger onClick={() => open('disable')} data-testid="totp-disable">
            关闭动态口令
          </Button>
        )}
      </Space>
      {confirming && (
        <Card
          size="small"
          title={confirming === 'disable' ? '关闭动态口令' : '确认是您本人操作'}
          className="section-gap"
          data-testid="totp-confirm"
        >
          <Typography.Paragraph>
            {confirming === 'disable'
              ? '请输入手机验证器上当前显示的 6 位动态口令。关闭后登录只需密码，本账号在其他地方的登录将退出。'
              : me.totpEnabled
                ? '更换绑定前，请输入手机验证器上当前显示的 6 位动态口令。新口令启用之前，原口令继续有效。'
                : '设置动态口令前，请输入您的登录密码。'}
          </Typography.Paragraph>
          {confirmError && (
            <Alert type="error" showIcon title={confirmError} style={{ marginBottom: 12 }} data-testid="totp-confirm-error" />
          )}
          <Form form={confirmForm} layout="inline" onFinish={confirm}>
            {me.totpEnabled ? (
              <Form.Item name="code" label="当前动态口令" rules={[{ required: true, pattern: /^\d{6}$/, message: '请输入 6 位数字口令' }]}>
                <Input
                  placeholder="6 位动态口令"
                  maxLength={6}
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  style={{ width: 160 }}
                  data-testid="totp-confirm-code"
                />
              </Form.Item>
            ) : (
              <Form.Item name="password" label="登录密码" rules={[{ required: true, message: '请输入登录密码' }]}>
                <Input.Password autoComplete="current-password" style={{ width: 220 }} data-testid="totp-confirm-password" />
              </Form.Item>
            )}
            <Button type="primary" htmlType="submit" loading={busy} danger={confirming === 'disable'} data-testid="totp-confirm-submit">
              {confirming === 'disable' ? '确认关闭' : '下一步'}
            </Button>
            <Button type="link" onClick={() => setConfirming(null)}>
              取消
            </Button>
          </Form>
        </Card>
      )}
      {setup && (
        <Card size="small" title="绑定动态口令" className="section-gap">
          <Steps
            size="small"
            orientation="vertical"
            items={[
              {
                title: '在手机上安装验证器',
                content: '如“腾讯身份验证器”“Microsoft Authenticator”“Google 身份验证器”，任选其一。',
                status: 'process',
              },
              {
                title: '扫描二维码，或手动输入密钥',
                content: '无法扫码时，在验证器中选择“手动输入”，账号填写您的用户名，密钥填写下方字符串（基于时间）。',
                status: 'process',
              },
              { title: '填写验证器显示的 6 位口令并启用', content: me.totpEnabled ? '启用后原口令作废。' : undefined, status: 'process' },
            ]}
          />
          <Row gutter={24} align="top">
            <Col flex="none">
              <QRCode value={setup.otpauthUrl} size={180} />
            </Col>
            <Col flex="auto" style={{ minWidth: 0 }}>
              <Typography.Paragraph style={{ marginBottom: 4 }}>密钥：</Typography.Paragraph>
              <Typography.Paragraph copyable={{ text: setup.secret }} code data-testid="totp-secret" style={{ fontSize: 16 }}>
                {setup.secret}
              </Typography.Paragraph>
              <Typography.Paragraph style={{ marginBottom: 4 }}>otpauth 地址：</Typography.Paragraph>
              <Typography.Paragraph copyable code style={{ wordBreak: 'break-all', fontSize: 12 }} data-testid="totp-uri">
                {setup.otpauthUrl}
              </Typography.Paragraph>
              {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
              <Form form={form} layout="inline" onFinish={enable}>
                <Form.Item name="code" rules={[{ required: true, pattern: /^\d{6}$/, message: '请输入 6 位数字口令' }]}>
                  <Input
                    placeholder="6 位动态口令"
                    maxLength={6}
                    inputMode="numeric"
                    autoComplete="one-time-code"
                    style={{ width: 160 }}
                    data-testid="totp-code"
                  />
                </Form.Item>
                <Button type="primary" htmlType="submit" data-testid="totp-enable">
                  启用
                </Button>
                <Button type="link" onClick={() => setSetup(null)}>
                  取消
                </Button>
              </Form>
            </Col>
          </Row>
        </Card>
      )}
    </div>
  );
}
