import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Radio, Steps, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api';
import { applyServerErrors } from '../../app/forms';
import { ME_KEY } from '../../app/auth';
import type { MeAnswer } from '../../../shared/auth/account';
import type { SignupAnswer } from '../../../shared/portal/signup';
import { maskPhone } from '../../../shared/mask';
import { hukouTypes } from '../../../shared/registry-codes';
import { idNumberRule, personNameRule } from '../registry/PersonFields';
import { POLICY_NOTE, passwordRule } from '../auth/passwordPolicy';
import { HukouPicker } from './HukouPicker';
import { PortalFrame } from './PortalLayout';

interface Details {
  name: string;
  idNumber: string;
  phone: string;
  hukouDivisionCode?: string;
  hukouType?: 'urban' | 'rural';
  password: string;
  confirm?: string;
}

/**
 * 居民注册: name, ID number, mobile, 户籍地 (the village or community of the hukou, chosen from the
 * city's divisions, and 城镇/农村) and a password; then the 6-digit code sent to that mobile
 * (POST /api/portal/signup, then /confirm, which signs the resident in). The 户籍地 is what the
 * resident says: it is marked 待核实 until the township's clerk checks it.
 */
export function SignupPage() {
  const [form] = Form.useForm<Details>();
  const [codeForm] = Form.useForm<{ code: string }>();
  const [sent, setSent] = useState<{ signupId: string; details: Details } | null>(null);
  /** What was typed in step 1: shown again after "返回修改信息". */
  const [typed, setTyped] = useState<Details | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const navigate = useNavigate();
  const client = useQueryClient();

  const start = async (v: Details) => {
    setError(null);
    setBusy(true);
    try {
      const details = {
        name: v.name.trim(),
        idNumber: v.idNumber,
        phone: v.phone,
        hukouDivisionCode: v.hukouDivisionCode,
        hukouType: v.hukouType,
        password: v.password,
      };
      const r = await api.post<SignupAnswer>('/api/portal/signup', details);
      setSent({ signupId: r.signupId, details });
      setTyped({ ...details, confirm: details.password });
      codeForm.resetFields();
    } catch (e) {
      setError(applyServerErrors(form, e));
    } finally {
      setBusy(false);
    }
  };
  const confirm = async (v: { code: string }) => {
    if (!sent) return;
    setError(null);
    setBusy(true);
    try {
      const r = await api.post<MeAnswer>('/api/portal/signup/confirm', { signupId: sent.signupId, code: v.code });
      client.setQueryData(ME_KEY, r.me);
      void navigate('/portal', { replace: true });
    } catch (e) {
      setError(applyServerErrors(codeForm, e));
    } finally {
      setBusy(false);
    }
  };
  const back = () => {
    setSent(null);
    setError(null);
  };

  return (
    <PortalFrame>
      <Card title="居民注册" style={{ maxWidth: 560, margin: '0 auto' }} data-testid="signup-card">
        <Steps size="small" current={sent ? 1 : 0} items={[{ title: '填写信息' }, { title: '短信验证' }]} style={{ marginBottom: 16 }} />
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="signup-error" />}
        {!sent ? (
          <Form form={form} layout="vertical" onFinish={start} initialValues={typed}>
            <Form.Item name="name" label="姓名" rules={[{ required: true, whitespace: true, message: '请填写姓名' }, personNameRule]}>
              <Input maxLength={50} autoComplete="name" data-testid="signup-name" />
            </Form.Item>
            <Form.Item
              name="idNumber"
              label="身份证号"
              validateFirst
              rules={[{ required: true, message: '请填写身份证号' }, idNumberRule]}
              normalize={(v: string) => v?.replace(/\s+/g, '').toUpperCase()}
            >
              <Input maxLength={18} autoComplete="off" data-testid="signup-idNumber" />
            </Form.Item>
            <Form.Item
              name="phone"
              label="手机号"
              rules={[
                { required: true, message: '请填写手机号' },
                { pattern: /^1[3-9]\d{9}$/, message: '请填写 11 位手机号' },
              ]}
            >
              <Input maxLength={11} inputMode="numeric" autoComplete="tel" data-testid="signup-phone" />
            </Form.Item>
            <Form.Item
              name="hukouDivisionCode"
              label="户籍地（户口所在的村或社区）"
              extra="请按户口簿填写。户籍地由乡镇（街道）工作人员核实，核实前显示为“待核实”。"
              rules={[{ required: true, message: '请选择户籍地（户口所在的村或社区）' }]}
            >
              <HukouPicker testId="signup-hukou" />
            </Form.Item>
            <Form.Item name="hukouType" label="户口类型" rules={[{ required: true, message: '请选择户口类型（城镇或农村）' }]}>
              <Radio.Group
                optionType="button"
                options={Object.entries(hukouTypes).map(([value, label]) => ({ value, label }))}
                data-testid="signup-hukouType"
              />
            </Form.Item>
            <Form.Item
              name="password"
              label="设置密码"
              extra={POLICY_NOTE}
              rules={[{ required: true, message: '请设置密码' }, passwordRule()]}
            >
              <Input.Password autoComplete="new-password" data-testid="signup-password" />
            </Form.Item>
            <Form.Item
              name="confirm"
              label="确认密码"
              dependencies={['password']}
              rules={[
                { required: true, message: '请再次输入密码' },
                ({ getFieldValue }) => ({
                  validator: (_, v) =>
                    !v || v === getFieldValue('password') ? Promise.resolve() : Promise.reject(new Error('两次输入的密码不一致')),
                }),
              ]}
            >
              <Input.Password autoComplete="new-password" data-testid="signup-confirm-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block size="large" loading={busy} data-testid="signup-submit">
              获取短信验证码
            </Button>
          </Form>
        ) : (
          <Form form={codeForm} layout="vertical" onFinish={confirm}>
            <Typography.Paragraph>
              验证码已发送到 <b>{maskPhone(sent.details.phone)}</b>，10 分钟内有效。
            </Typography.Paragraph>
            <Form.Item
              name="code"
              label="验证码"
              rules={[
                { required: true, message: '请输入验证码' },
                { pattern: /^\d{6}$/, message: '验证码为 6 位数字' },
              ]}
            >
              <Input
                maxLength={6}
                inputMode="numeric"
                autoComplete="one-time-code"
                style={{ letterSpacing: 6 }}
                data-testid="signup-code"
              />
            </Form.Item>
            <Button type="primary" htmlType="submit" block size="large" loading={busy} data-testid="signup-confirm">
              完成注册并登录
            </Button>
            <div style={{ display: 'flex', flexWrap: 'wrap', justifyContent: 'space-between', gap: 8, marginTop: 8 }}>
              <Button onClick={back}>返回修改信息</Button>
              <Button disabled={busy} onClick={() => void start(sent.details)} data-testid="signup-resend">
                重新获取验证码
              </Button>
            </div>
          </Form>
        )}
        <div style={{ marginTop: 16, textAlign: 'center' }}>
          <Button type="link" onClick={() => navigate('/portal/login')}>
            已有账号？登录
          </Button>
        </div>
      </Card>
    </PortalFrame>
  );
}
