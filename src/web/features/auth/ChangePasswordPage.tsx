import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api';
import { applyServerErrors } from '../../app/forms';
import { ME_KEY, useLogout, useMe } from '../../app/auth';
import type { MeAnswer } from '../../../shared/auth/account';
import { POLICY_NOTE, passwordRule } from './passwordPolicy';

interface Values {
  oldPassword: string;
  newPassword: string;
  confirm: string;
}

/** 修改密码; forced (every other page redirects here) while `me.mustChangePassword`. Signs the account out everywhere else. */
export function ChangePasswordPage() {
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { data: me } = useMe();
  const navigate = useNavigate();
  const logout = useLogout();
  const client = useQueryClient();
  const { message } = App.useApp();
  const forced = Boolean(me?.mustChangePassword);
  const home = me?.kind === 'resident' ? '/portal' : '/';

  const submit = async (v: Values) => {
    setError(null);
    setBusy(true);
    try {
      const res = await api.post<MeAnswer>('/api/auth/change-password', { oldPassword: v.oldPassword, newPassword: v.newPassword });
      client.setQueryData(ME_KEY, res.me);
      message.success('密码已修改；本账号在其他地方的登录已退出');
      void navigate(res.me.kind === 'resident' ? '/portal' : '/', { replace: true });
    } catch (e) {
      setError(applyServerErrors(form, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="auth-screen">
      <Card style={{ width: 460, boxShadow: '0 6px 24px rgba(0,0,0,0.12)' }}>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          修改密码
        </Typography.Title>
        {forced && (
          <Alert
            type="warning"
            showIcon
            title="首次登录、密码已重置或已到期：请先设置新密码，之后才能使用系统。"
            style={{ marginBottom: 12 }}
          />
        )}
        <Alert type="info" title={POLICY_NOTE} style={{ marginBottom: 12 }} data-testid="password-policy" />
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="change-password-error" />}
        <Form form={form} layout="vertical" onFinish={submit}>
          <Form.Item
            name="oldPassword"
            label={forced ? '当前密码（初始密码）' : '原密码'}
            rules={[{ required: true, message: '请输入原密码' }]}
          >
            <Input.Password data-testid="old-password" autoComplete="current-password" />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label="新密码"
            dependencies={['oldPassword']}
            rules={[
              { required: true, message: '请输入新密码' },
              passwordRule(me?.kind === 'staff' ? me.username : undefined),
              ({ getFieldValue }) => ({
                validator: (_, v) =>
                  v && v === getFieldValue('oldPassword') ? Promise.reject(new Error('新密码不能与原密码相同')) : Promise.resolve(),
              }),
            ]}
          >
            <Input.Password data-testid="new-password" autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="confirm"
            label="确认新密码"
            dependencies={['newPassword']}
            rules={[
              { required: true, message: '请再次输入新密码' },
              ({ getFieldValue }) => ({
                validator: (_, v) =>
                  !v || v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error('两次输入的密码不一致')),
              }),
            ]}
          >
            <Input.Password data-testid="confirm-password" autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="change-password-submit">
            确认修改
          </Button>
        </Form>
        <div style={{ marginTop: 12, textAlign: 'center' }}>
          {forced ? (
            <Button type="link" onClick={() => void logout(me?.kind === 'resident' ? '/portal/login' : '/login')}>
              退出登录
            </Button>
          ) : (
            <Button type="link" onClick={() => navigate(home)}>
              返回
            </Button>
          )}
        </div>
      </Card>
    </div>
  );
}
