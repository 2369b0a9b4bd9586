import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../app/api';
import type { Me } from '../../app/auth';

export function LoginPage({ resident = false }: { resident?: boolean }) {
  const [error, setError] = useState<string | null>(null);
  const [needTotp, setNeedTotp] = useState(false);
  const [busy, setBusy] = useState(false);
  const navigate = useNavigate();
  const client = useQueryClient();

  const submit = async (values: { username: string; password: string; totpCode?: string }) => {
    setBusy(true);
    setError(null);
    try {
      const { me } = await api.post<{ me: Me }>('/api/auth/login', values);
      client.setQueryData(['me'], me);
      navigate(me.kind === 'resident' ? '/portal' : me.mustChangePassword ? '/change-password' : '/');
    } catch (e) {
      if (e instanceof ApiError && e.code === 'TOTP_REQUIRED') setNeedTotp(true);
      setError(e instanceof ApiError ? e.message : '网络错误，请稍后重试');
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#f3f1ee' }}>
      <Card style={{ width: 400 }}>
        <Typography.Title level={3} style={{ textAlign: 'center', color: '#b4232a' }}>济民 · 民政业务一体化平台</Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>{resident ? '居民服务' : '工作人员登录'}</Typography.Paragraph>
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
        <Form layout="vertical" onFinish={submit}>
          <Form.Item name="username" label={resident ? '身份证号' : '用户名'} rules={[{ required: true, message: resident ? '请输入身份证号' : '请输入用户名' }]}>
            <Input autoComplete="username" data-testid="login-username" />
          </Form.Item>
          <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password autoComplete="current-password" data-testid="login-password" />
          </Form.Item>
          {needTotp && (
            <Form.Item name="totpCode" label="动态口令" rules={[{ required: true, pattern: /^\d{6}$/, message: '请输入手机验证器上的 6 位动态口令' }]}>
              <Input inputMode="numeric" maxLength={6} data-testid="login-totp" />
            </Form.Item>
          )}
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">登录</Button>
        </Form>
        <div style={{ marginTop: 16, textAlign: 'center' }}>
          {resident ? <Link to="/portal/signup">没有账号？注册</Link> : <Link to="/portal/login">居民登录</Link>}
        </div>
      </Card>
    </div>
  );
}
