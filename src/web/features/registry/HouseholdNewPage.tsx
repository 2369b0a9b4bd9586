import { useState } from 'react';
import { Alert, Button, Card, Col, Form, Input, Row, Select, Space } from 'antd';
import { useNavigate } from 'react-router';
import { api } from '../../app/api';
import { applyServerErrors } from '../../app/forms';
import { relations } from '../../../shared/registry-codes';
import { DivisionPicker } from '../../components/DivisionPicker';
import { PersonFields, toPersonBody } from './PersonFields';
import type { HouseholdDetail } from './types';

const relationOptions = Object.entries(relations).map(([value, label]) => ({ value, label }));

export function HouseholdNewPage() {
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const navigate = useNavigate();
  const submit = async (v: { divisionCode: string; address: string; members: { relation: string; person: Record<string, unknown> }[] }) => {
    setError(null);
    try {
      const h = await api.post<HouseholdDetail>('/api/households', {
        divisionCode: v.divisionCode,
        address: v.address,
        members: v.members.map((m) => ({ relation: m.relation, person: { ...toPersonBody(m.person), hukouDivisionCode: v.divisionCode } })),
      });
      navigate(`/households/${h.id}`);
    } catch (e) {
      setError(applyServerErrors(form, e));
    }
  };
  return (
    <div style={{ maxWidth: 1000 }}>
      <h2 className="page-title">登记家庭</h2>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="household-error" />}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ members: [{ relation: 'head', person: { hukouType: 'rural' } }] }}>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="divisionCode" label="所在村（社区）" rules={[{ required: true, len: 12, message: '请选择到村（社区）一级' }]}>
              <DivisionPicker testId="household-division" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="address" label="家庭住址" rules={[{ required: true, min: 2, message: '请填写家庭住址' }]}>
              <Input data-testid="household-address" />
            </Form.Item>
          </Col>
        </Row>
        <Form.List name="members">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Card
                  key={f.key}
                  size="small"
                  style={{ marginBottom: 12 }}
                  title={
                    <Space>
                      成员 {i + 1}
                      <Form.Item name={[f.name, 'relation']} noStyle rules={[{ required: true }]}>
                        <Select options={relationOptions} style={{ width: 120 }} data-testid={`member-${i}-relation`} />
                      </Form.Item>
                    </Space>
                  }
                  extra={fields.length > 1 ? <Button type="link" danger onClick={() => remove(f.name)}>移除</Button> : null}
                >
                  <PersonFields prefix={[f.name, 'person']} testPrefix={`member-${i}`} withHukou={false} />
                </Card>
              ))}
              <Button onClick={() => add({ relation: 'child', person: { hukouType: 'rural' } })} data-testid="member-add">添加成员</Button>
            </>
          )}
        </Form.List>
        <Space style={{ marginTop: 16 }}>
          <Button type="primary" htmlType="submit" data-testid="household-submit">保存</Button>
          <Button onClick={() => navigate(-1)}>取消</Button>
        </Space>
      </Form>
    </div>
  );
}
