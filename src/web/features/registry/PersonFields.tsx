import { Col, Form, Input, InputNumber, Row, Select, Switch } from 'antd';
import { parseResidentId } from '../../../shared/validation/resident-id';
import { disabilityTypes, hukouTypes } from '../../../shared/registry-codes';
import { DivisionPicker } from '../../components/DivisionPicker';

const options = (o: Record<string, string>) => Object.entries(o).map(([value, label]) => ({ value, label }));

/**
 * The fields of a person, for the person form and each new member of a household form.
 * `prefix` is the form name path (e.g. ['members', 0, 'person']).
 */
export function PersonFields({ prefix = [], testPrefix = 'person', withHukou = true, editing = false }: {
  prefix?: (string | number)[];
  testPrefix?: string;
  withHukou?: boolean;
  /** Editing a registered person: the ID number is corrected in its own field, encrypted fields are left empty to keep. */
  editing?: boolean;
}) {
  const form = Form.useFormInstance();
  const name = (n: string) => [...prefix, n];
  const noId = Form.useWatch(name('noId'), form);
  const idNumber = Form.useWatch(name('idNumber'), form) as string | undefined;
  const parsed = idNumber && idNumber.length >= 18 ? parseResidentId(idNumber) : null;
  return (
    <Row gutter={16}>
      <Col span={8}>
        <Form.Item name={name('name')} label="姓名" rules={[{ required: true, message: '请填写姓名' }, { max: 50 }]}>
          <Input data-testid={`${testPrefix}-name`} />
        </Form.Item>
      </Col>
      {!editing && (
      <Col span={10}>
        {noId ? (
          <Form.Item name={name('noIdReason')} label="无身份证号原因" rules={[{ required: true, message: '请说明没有身份证号的原因' }]}>
            <Input placeholder="如：身份不明的受助人员、新生儿尚未落户" />
          </Form.Item>
        ) : (
          <Form.Item
            name={name('idNumber')}
            label="身份证号"
            extra={parsed?.ok ? `${parsed.sex === 'male' ? '男' : '女'}，出生于 ${parsed.birthDate}` : undefined}
            rules={[
              { required: true, message: '请填写身份证号' },
              { validator: (_, v: string) => (!v ? Promise.resolve() : (() => { const r = parseResidentId(v); return r.ok ? Promise.resolve() : Promise.reject(new Error(`身份证号${r.message}`)); })()) },
            ]}
          >
            <Input maxLength={18} data-testid={`${testPrefix}-idNumber`} />
          </Form.Item>
        )}
      </Col>
      )}
      {!editing && (
        <Col span={6}>
          <Form.Item name={name('noId')} label="无身份证号" valuePropName="checked">
            <Switch />
          </Form.Item>
        </Col>
      )}
      <Col span={8}>
        <Form.Item name={name('phone')} label={editing ? '联系电话（留空不变）' : '联系电话'} rules={[{ pattern: /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, message: '应为 11 位手机号或带区号的固定电话' }]}>
          <Input data-testid={`${testPrefix}-phone`} />
        </Form.Item>
      </Col>
      <Col span={8}>
        <Form.Item name={name('hukouType')} label="城乡类别" rules={[{ required: true, message: '请选择城乡类别' }]}>
          <Select options={options(hukouTypes)} data-testid={`${testPrefix}-hukouType`} />
        </Form.Item>
      </Col>
      <Col span={8} />
      {withHukou && (
        <Col span={12}>
          <Form.Item name={name('hukouDivisionCode')} label="户籍地" rules={[{ required: true, len: 12, message: '请选择到村（社区）一级' }]}>
            <DivisionPicker testId={`${testPrefix}-hukouDivision`} />
          </Form.Item>
        </Col>
      )}
      <Col span={12}>
        <Form.Item name={name('residenceDivisionCode')} label="现居住地（与户籍地不同时填写）">
          <DivisionPicker />
        </Form.Item>
      </Col>
      <Col span={8}>
        <Form.Item name={name('disabilityType')} label="残疾类别">
          <Select allowClear options={options(disabilityTypes)} />
        </Form.Item>
      </Col>
      <Col span={8}>
        <Form.Item name={name('disabilityGrade')} label="残疾等级">
          <InputNumber min={1} max={4} style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item name={name('healthNotes')} label={editing ? '健康状况（加密保存；留空不变）' : '健康状况（加密保存）'}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Col>
    </Row>
  );
}

/** Form values → API body: the switch decides between ID number and reason. */
export function toPersonBody(v: Record<string, unknown>) {
  const { noId, ...rest } = v;
  const body: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(rest)) if (val !== undefined && val !== '') body[k] = val;
  if (noId) delete body.idNumber;
  else delete body.noIdReason;
  return body;
}
