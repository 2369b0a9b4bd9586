import { useState } from 'react';
import { Alert, App, Button, Card, Col, Form, Input, Row, Segmented, Select, Space } from 'antd';
import { useNavigate } from 'react-router';
import { api } from '../../app/api';
import { applyServerErrors } from '../../app/forms';
import { PageHeader } from '../../app/list';
import { relations } from '../../../shared/registry-codes';
import { DivisionPicker } from '../../components/DivisionPicker';
import { PersonFields, toPersonBody } from './PersonFields';
import { PersonLookup } from './PersonLookup';
import type { HouseholdDetail } from '../../../shared/registry/households';

const relationOptions = Object.entries(relations).map(([value, label]) => ({ value, label }));

interface Member {
  relation: string;
  mode: 'new' | 'existing';
  personId?: number;
  person?: Record<string, unknown>;
}
interface Values {
  divisionCode: string;
  address: string;
  members: Member[];
}

/** The member list's own rule: exactly one 户主, and no ID number twice. */
const membersRule = {
  validator: async (_: unknown, members: Member[] | undefined) => {
    const list = members ?? [];
    if (!list.length) throw new Error('请至少添加一名家庭成员');
    const heads = list.filter((m) => m?.relation === 'head').length;
    if (heads === 0) throw new Error('请指定一名户主（与户主关系选“户主”）');
    if (heads > 1) throw new Error('一个家庭只能有一名户主');
    const ids = list
      .filter((m) => m?.mode === 'new' && !m.person?.noId)
      .map((m) => String(m.person?.idNumber ?? ''))
      .filter(Boolean);
    const picked = list.filter((m) => m?.mode === 'existing' && m.personId).map((m) => m.personId);
    if (new Set(ids).size !== ids.length || new Set(picked).size !== picked.length) throw new Error('同一人不能重复添加');
  },
};

/**
 * 登记家庭: the village, the address and the members. Each member is either a person already in
 * the registry (found by ID number) or registered here; a new member's hukou defaults to the
 * household's village. 城乡类别 starts empty and is proposed from that village (社区 → 城镇,
 * 村 → 农村) for the user to accept; a member added later takes the head's, once it is chosen.
 */
export function HouseholdNewPage() {
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const navigate = useNavigate();
  const { message } = App.useApp();
  const submit = async (v: Values) => {
    setError(null);
    setBusy(true);
    try {
      const h = await api.post<HouseholdDetail>('/api/households', {
        divisionCode: v.divisionCode,
        address: v.address.trim(),
        members: v.members.map((m) =>
          m.mode === 'existing'
            ? { relation: m.relation, personId: m.personId }
            : {
                relation: m.relation,
                person: {
                  ...toPersonBody(m.person ?? {}),
                  hukouDivisionCode: (m.person?.hukouDivisionCode as string | undefined) ?? v.divisionCode,
                },
              },
        ),
      });
      message.success(`已登记家庭 ${h.householdNo}`);
      void navigate(`/households/${h.id}`);
    } catch (e) {
      setError(applyServerErrors(form, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div style={{ maxWidth: 1080 }}>
      <PageHeader title="登记家庭" sub="每户须有且只有一名户主。已在人口库中的人员请选择“已登记人员”，不要重复登记。" />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="household-error" />}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        scrollToFirstError
        initialValues={{ members: [{ relation: 'head', mode: 'new', person: {} }] }}
      >
        <Card size="small" title="家庭住址" style={{ marginBottom: 12 }}>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item
                name="divisionCode"
                label="所在村（社区）"
                rules={[
                  { required: true, message: '请选择所在村（社区）' },
                  { len: 12, message: '请选择到村（社区）一级' },
                ]}
              >
                <DivisionPicker testId="household-division" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="address"
                label="家庭住址"
                rules={[
                  { required: true, whitespace: true, message: '请填写家庭住址' },
                  { min: 2, message: '请填写完整的家庭住址' },
                ]}
              >
                <Input maxLength={200} placeholder="如：航运新村 5 号楼 302" data-testid="household-address" />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Form.List name="members" rules={[membersRule]}>
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((f, i) => (
                <MemberCard key={f.key} name={f.name} index={i} onRemove={fields.length > 1 ? () => remove(f.name) : undefined} />
              ))}
              <Form.ErrorList errors={errors} />
              <Button
                onClick={() =>
                  add({ relation: 'child', mode: 'new', person: { hukouType: form.getFieldValue(['members', 0, 'person', 'hukouType']) } })
                }
                type="dashed"
                block
                data-testid="member-add"
                style={{ marginTop: 4 }}
              >
                + 添加成员
              </Button>
            </>
          )}
        </Form.List>
        <Space style={{ marginTop: 16 }}>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="household-submit">
            保存
          </Button>
          <Button onClick={() => navigate(-1)}>取消</Button>
        </Space>
      </Form>
    </div>
  );
}

function MemberCard({ name, index, onRemove }: { name: number; index: number; onRemove?: () => void }) {
  const form = Form.useFormInstance<Values>();
  const mode = (Form.useWatch(['members', name, 'mode'], form) as Member['mode'] | undefined) ?? 'new';
  const householdDivision = Form.useWatch('divisionCode', form) as string | undefined;
  return (
    <Card
      size="small"
      style={{ marginBottom: 12 }}
      data-testid={`member-${index}`}
      title={
        <Space wrap>
          <span>成员 {index + 1}</span>
          <Form.Item name={[name, 'relation']} noStyle rules={[{ required: true, message: '请选择与户主关系' }]}>
            <Select options={relationOptions} style={{ width: 120 }} data-testid={`member-${index}-relation`} />
          </Form.Item>
          <Form.Item name={[name, 'mode']} noStyle>
            <Segmented
              size="small"
              options={[
                { value: 'new', label: '新登记' },
                { value: 'existing', label: '已登记人员' },
              ]}
              data-testid={`member-${index}-mode`}
            />
          </Form.Item>
        </Space>
      }
      extra={
        onRemove ? (
          <Button type="link" danger onClick={onRemove}>
            移除
          </Button>
        ) : null
      }
    >
      {mode === 'existing' ? (
        <Form.Item name={[name, 'personId']} label="按身份证号查找" rules={[{ required: true, message: '请查找并选中一名已登记人员' }]}>
          <PersonLookup testId={`member-${index}-lookup`} />
        </Form.Item>
      ) : (
        <PersonFields
          prefix={[name, 'person']}
          listPrefix={['members']}
          testPrefix={`member-${index}`}
          hukou="optional"
          fallbackDivision={householdDivision}
        />
      )}
    </Card>
  );
}
