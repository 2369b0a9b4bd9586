import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api';
import { applyServerErrors } from '../../app/forms';
import { useMe, type Me } from '../../app/auth';

export const POLICY_TEXT = '密码至少 8 位，且包含大写字母、小写字母、数字、符号中的至少 3 类；或使用至少 16 位的口令短语。不能与最近 5 次的密码相同。';

export function ChangePasswordPage() {
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const { data: me } = useMe();
  const navigate = useNavigate();
  const client = useQueryClient();
  const submit = async (v: { oldPassword: string; newPassword: string }) => {
    setError(null);
    try {
      const res = await api.post<{ me: Me }>('/api/auth/change-password', { oldPassword: v.oldPassword, newPassword: v.newPassword });
      client.setQueryData(['me'], res.me);
      navigate(res.me.kind === 'resident' ? '/portal' : '/');
    } catch (e) {
      setError(applyServerErrors(form, e));
    }
  };
  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#f3f1ee' }}>
      <Card style={{ width: 440 }}>
        <Typography.Title level={4}>修改密码</Typography.Title>
        {me?.mustChangePassword && <Alert type="warning" showIcon message="首次登录或密码已到期，请先设置新密码" style={{ marginBottom: 12 }} />}
        <Typography.Paragraph type="secondary">{POLICY_TEXT}</Typography.Paragraph>
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
        <Form form={form} layout="vertical" onFinish={submit}>
          <Form.Item name="oldPassword" label="原密码" rules={[{ required: true, message: '请输入原密码' }]}>
            <Input.Password data-testid="old-password" autoComplete="current-password" />
          </Form.Item>
          <Form.Item name="newPassword" label="新密码" rules={[{ required: true, message: '请输入新密码' }]}>
            <Input.Password data-testid="new-password" autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="confirm"
            label="确认新密码"
            dependencies={['newPassword']}
            rules={[{ required: true, message: '请再次输入新密码' }, ({ getFieldValue }) => ({ validator: (_, v) => (v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error('两次输入的密码不一致'))) })]}
          >
            <Input.Password data-testid="confirm-password" autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block data-testid="change-password-submit">确认修改</Button>
        </Form>
      </Card>
    </div>
  );
}
