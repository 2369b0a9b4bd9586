import { useRef, useState } from 'react';
import { Alert, Button, Card, Form, Input } from 'antd';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { api, errorMessage } from '../../app/api';
import { ME_KEY, useMe } from '../../app/auth';
import type { MeAnswer } from '../../../shared/auth/account';
import { PortalFrame } from './PortalLayout';

/**
 * 居民登录 in the portal's own frame (16 px, 长辈版, fits a phone): the ID number and password. The
 * route /portal/login serves it where src/web/app/routes.tsx points ResidentLoginPage here; staff
 * keep the shared login page. Residents have no second factor.
 */
export function PortalLoginPage() {
  const [form] = Form.useForm<{ username: string; password: string }>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const signingIn = useRef(false);
  const navigate = useNavigate();
  const location = useLocation();
  const client = useQueryClient();
  const { data: current } = useMe();
  const state = location.state as { expired?: boolean } | null;
  if (current && !signingIn.current) return <Navigate to={current.kind === 'resident' ? '/portal' : '/'} replace />;

  const submit = async (values: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      const { me } = await api.post<MeAnswer>('/api/auth/login', { username: values.username.trim(), password: values.password });
      signingIn.current = true;
      client.setQueryData(ME_KEY, me);
      void navigate(me.kind === 'resident' ? '/portal' : '/', { replace: true });
    } catch (e) {
      setError(errorMessage(e, '网络错误，请稍后重试'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <PortalFrame>
      <Card title="居民登录" style={{ maxWidth: 480, margin: '0 auto' }} data-testid="portal-login">
        {state?.expired && !error && <Alert type="info" showIcon title="登录已超时，请重新登录" style={{ marginBottom: 16 }} />}
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item
            name="username"
            label="身份证号"
            rules={[{ required: true, whitespace: true, message: '请输入身份证号' }]}
            normalize={(v: string) => v?.replace(/\s+/g, '').toUpperCase()}
          >
            <Input autoComplete="username" maxLength={18} data-testid="login-username" />
          </Form.Item>
          <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password autoComplete="current-password" data-testid="login-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={busy} data-testid="login-submit">
            登录
          </Button>
        </Form>
        <div style={{ display: 'flex', flexWrap: 'wrap', justifyContent: 'space-between', gap: 8, marginTop: 16 }}>
          <Button onClick={() => navigate('/portal/signup')} data-testid="portal-login-signup">
            没有账号？注册
          </Button>
          <Button onClick={() => navigate('/notices')}>公示查询</Button>
          <Button type="link" onClick={() => navigate('/login')}>
            工作人员登录
          </Button>
        </div>
      </Card>
    </PortalFrame>
  );
}
