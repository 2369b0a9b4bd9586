import { useState } from 'react';
import { Alert, Button, Descriptions, Form, Input, QRCode, Space, Typography, App } from 'antd';
import { useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api';
import { applyServerErrors } from '../../app/forms';
import { useMe, type Me } from '../../app/auth';

export function AccountPage() {
  const { data: me } = useMe();
  const [setup, setSetup] = useState<{ secret: string; otpauthUrl: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm();
  const client = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  if (!me) return null;
  const enable = async (v: { code: string }) => {
    try {
      const res = await api.post<{ me: Me }>('/api/auth/totp/enable', v);
      client.setQueryData(['me'], res.me);
      setSetup(null);
      message.success('动态口令已启用，下次登录时需要输入');
    } catch (e) {
      setError(applyServerErrors(form, e));
    }
  };
  return (
    <div style={{ maxWidth: 720 }}>
      <h2 className="page-title">账号与安全</h2>
      {me.totpRequired && !me.totpEnabled && <Alert type="warning" showIcon style={{ marginBottom: 16 }} message="您的角色要求使用动态口令（双因素认证），请先完成设置。" />}
      <Descriptions bordered column={1} size="small">
        <Descriptions.Item label="用户名">{me.username}</Descriptions.Item>
        <Descriptions.Item label="姓名">{me.displayName}</Descriptions.Item>
        <Descriptions.Item label="管辖范围">{me.divisionName}</Descriptions.Item>
        {me.organisationName && <Descriptions.Item label="所属组织">{me.organisationName}</Descriptions.Item>}
        <Descriptions.Item label="动态口令">{me.totpEnabled ? '已启用' : '未启用'}</Descriptions.Item>
      </Descriptions>
      <Space style={{ marginTop: 16 }}>
        <Button onClick={() => navigate('/change-password')}>修改密码</Button>
        <Button onClick={async () => setSetup(await api.post('/api/auth/totp/setup'))}>{me.totpEnabled ? '重新绑定动态口令' : '设置动态口令'}</Button>
      </Space>
      {setup && (
        <div style={{ marginTop: 24 }}>
          <Typography.Paragraph>用手机上的验证器（如“腾讯身份验证器”）扫描二维码，或手动输入密钥，然后填写显示的 6 位口令。</Typography.Paragraph>
          <Space align="start" size={24}>
            <QRCode value={setup.otpauthUrl} />
            <div>
              <Typography.Paragraph copyable={{ text: setup.secret }}>密钥：<code>{setup.secret}</code></Typography.Paragraph>
              {error && <Alert type="error" message={error} style={{ marginBottom: 12 }} />}
              <Form form={form} layout="inline" onFinish={enable}>
                <Form.Item name="code" rules={[{ required: true, pattern: /^\d{6}$/, message: '请输入 6 位口令' }]}>
                  <Input placeholder="6 位动态口令" maxLength={6} />
                </Form.Item>
                <Button type="primary" htmlType="submit">启用</Button>
              </Form>
            </div>
          </Space>
        </div>
      )}
    </div>
  );
}
