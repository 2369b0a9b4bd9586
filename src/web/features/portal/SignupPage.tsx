import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api';
import { applyServerErrors } from '../../app/forms';
import type { Me } from '../../app/auth';
import { parseResidentId } from '../../../shared/validation/resident-id';
import { POLICY_TEXT } from '../auth/ChangePasswordPage';

export function SignupPage() {
  const [form] = Form.useForm();
  const [codeForm] = Form.useForm();
  const [signupId, setSignupId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const navigate = useNavigate();
  const client = useQueryClient();
  const start = async (v: { name: string; idNumber: string; phone: string; password: string }) => {
    setError(null);
    try {
      const r = await api.post<{ signupId: string }>('/api/portal/signup', { name: v.name, idNumber: v.idNumber, phone: v.phone, password: v.password });
      setSignupId(r.signupId);
    } catch (e) {
      setError(applyServerErrors(form, e));
    }
  };
  const confirm = async (v: { code: string }) => {
    setError(null);
    try {
      const r = await api.post<{ me: Me }>('/api/portal/signup/confirm', { signupId, code: v.code });
      client.setQueryData(['me'], r.me);
      navigate('/portal');
    } catch (e) {
      setError(applyServerErrors(codeForm, e));
    }
  };
  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#f3f1ee' }}>
      <Card style={{ width: 460 }}>
        <Typography.Title level={4}>居民注册</Typography.Title>
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
        {!signupId ? (
          <Form form={form} layout="vertical" onFinish={start}>
            <Form.Item name="name" label="姓名" rules={[{ required: true, message: '请填写姓名' }]}><Input /></Form.Item>
            <Form.Item name="idNumber" label="身份证号" rules={[{ required: true, message: '请填写身份证号' }, { validator: (_, v: string) => (!v || parseResidentId(v).ok ? Promise.resolve() : Promise.reject(new Error(`身份证号${(parseResidentId(v) as { message: string }).message}`))) }]}>
              <Input maxLength={18} />
            </Form.Item>
            <Form.Item name="phone" label="手机号" rules={[{ required: true, pattern: /^1[3-9]\d{9}$/, message: '请填写 11 位手机号' }]}><Input maxLength={11} /></Form.Item>
            <Form.Item name="password" label="密码" extra={POLICY_TEXT} rules={[{ required: true, message: '请设置密码' }]}><Input.Password /></Form.Item>
            <Button type="primary" htmlType="submit" block>获取验证码</Button>
          </Form>
        ) : (
          <Form form={codeForm} layout="vertical" onFinish={confirm}>
            <Typography.Paragraph>验证码已发送到您的手机，10 分钟内有效。</Typography.Paragraph>
            <Form.Item name="code" label="验证码" rules={[{ required: true, pattern: /^\d{6}$/, message: '请输入 6 位验证码' }]}><Input maxLength={6} /></Form.Item>
            <Button type="primary" htmlType="submit" block>完成注册</Button>
          </Form>
        )}
        <div style={{ marginTop: 16, textAlign: 'center' }}><Link to="/portal/login">已有账号？登录</Link></div>
      </Card>
    </div>
  );
}
