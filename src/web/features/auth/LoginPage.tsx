import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography, type InputRef } from 'antd';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { api, ApiError, errorMessage } from '../../app/api';
import { ME_KEY, useMe } from '../../app/auth';
import type { MeAnswer } from '../../../shared/auth/account';

interface Values {
  username: string;
  password: string;
  totpCode?: string;
}

/**
 * 登录: username and password; when the server answers TOTP_REQUIRED the same form asks for the
 * 6-digit code of the authenticator app and sends all three again. Residents sign in on the portal's
 * own page (features/portal/PortalLoginPage.tsx).
 */
export function LoginPage() {
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [needTotp, setNeedTotp] = useState(false);
  const [busy, setBusy] = useState(false);
  const totpRef = useRef<InputRef>(null);
  /** Set once this page signs someone in: from then on it navigates itself. */
  const signingIn = useRef(false);
  const navigate = useNavigate();
  const location = useLocation();
  const client = useQueryClient();
  const { data: current } = useMe();
  const state = location.state as { from?: string; expired?: boolean } | null;

  useEffect(() => {
    if (needTotp) totpRef.current?.focus();
  }, [needTotp]);

  if (current && !signingIn.current) return <Navigate to={current.kind === 'resident' ? '/portal' : '/'} replace />;

  const submit = async (values: Values) => {
    setBusy(true);
    setError(null);
    try {
      const { me } = await api.post<MeAnswer>('/api/auth/login', { ...values, totpCode: needTotp ? values.totpCode : undefined });
      signingIn.current = true;
      client.setQueryData(ME_KEY, me);
      const from = state?.from && state.from !== '/login' ? state.from : null;
      if (me.kind === 'resident') void navigate('/portal', { replace: true });
      else if (me.mustChangePassword) void navigate('/change-password', { replace: true });
      else void navigate(from ?? '/', { replace: true });
    } catch (e) {
      if (e instanceof ApiError && e.code === 'TOTP_REQUIRED') {
        setNeedTotp(true);
      } else {
        setError(errorMessage(e, '网络错误，请稍后重试'));
        if (needTotp) form.setFieldValue('totpCode', '');
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="auth-screen">
      <Card style={{ width: 400, maxWidth: '100%', boxShadow: '0 6px 24px rgba(0,0,0,0.12)' }}>
        <Typography.Title level={3} className="auth-title">
          济民 · 民政业务一体化平台
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          工作人员登录
        </Typography.Paragraph>
        {state?.expired && !error && <Alert type="info" showIcon title="登录已超时，请重新登录" style={{ marginBottom: 16 }} />}
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
        {needTotp && !error && (
          <Alert type="info" showIcon title="请输入手机验证器（如腾讯身份验证器）上显示的 6 位动态口令" style={{ marginBottom: 16 }} />
        )}
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item name="username" label="用户名" rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}>
            <Input autoComplete="username" maxLength={64} disabled={needTotp} data-testid="login-username" />
          </Form.Item>
          <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password autoComplete="current-password" disabled={needTotp} data-testid="login-password" />
          </Form.Item>
          {needTotp && (
            <Form.Item
              name="totpCode"
              label="动态口令"
              rules={[{ required: true, pattern: /^\d{6}$/, message: '请输入 6 位数字动态口令' }]}
            >
              <Input ref={totpRef} inputMode="numeric" autoComplete="one-time-code" maxLength={6} data-testid="login-totp" />
            </Form.Item>
          )}
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
            {needTotp ? '验证并登录' : '登录'}
          </Button>
          {needTotp && (
            <Button
              type="link"
              block
              onClick={() => {
                setNeedTotp(false);
                setError(null);
                form.resetFields();
              }}
            >
              换一个账号
            </Button>
          )}
        </Form>
        <div style={{ marginTop: 16, textAlign: 'center' }}>
          <Link to="/portal/login">居民登录</Link>
        </div>
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, fontSize: 12, textAlign: 'center' }}>
          忘记密码请联系本级系统管理员重置。
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
