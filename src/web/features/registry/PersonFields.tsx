import { useEffect } from 'react';
import { Col, DatePicker, Form, Input, Row, Select, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { parseResidentId } from '../../../shared/validation/resident-id';
import { checkPersonName } from '../../../shared/validation/person-name';
import { disabilityTypes, hukouTypes, sexes } from '../../../shared/registry-codes';
import { DivisionPicker } from '../../components/DivisionPicker';
import { phoneRule } from '../../app/forms';
import { afterToday } from '../../app/today';
import { HukouTypeSuggestion } from './HukouTypeSuggestion';

export const options = (o: Record<string, string>) => Object.entries(o).map(([value, label]) => ({ value, label }));
const gradeOptions = [1, 2, 3, 4].map((g) => ({ value: g, label: `${g} 级` }));

/** antd rule: a valid resident ID number (GB 11643), checked as it is typed. */
export const idNumberRule = {
  validator: (_: unknown, v: string | undefined) => {
    if (!v) return Promise.resolve();
    const r = parseResidentId(v);
    return r.ok ? Promise.resolve() : Promise.reject(new Error(`身份证号${r.message}`));
  },
};

/** antd rule: the registry's name rule (invisible characters refused), as the server applies it. */
export const personNameRule = {
  validator: (_: unknown, v: string | undefined) => {
    if (!v) return Promise.resolve();
    const r = checkPersonName(v);
    return r.ok ? Promise.resolve() : Promise.reject(new Error(r.message));
  },
};

/**
 * The fields of a person, for the person form and each new member of a household form. With an
 * ID number, sex and birth date are read from it (and cannot be typed); without one, a reason is
 * required and sex and birth date are entered by hand.
 * `prefix` is the form name path (e.g. ['members', 0, 'person']).
 */
export function PersonFields({
  prefix = [],
  listPrefix = [],
  testPrefix = 'person',
  hukou = 'required',
  editing = false,
  idKnown = true,
  fallbackDivision,
}: {
  prefix?: (string | number)[];
  /** Inside a Form.List: the list's name (['members']); field names are relative to it, watches are not. */
  listPrefix?: (string | number)[];
  testPrefix?: string;
  /** The hukou division: required, optional (defaults to the household's village), or not asked. */
  hukou?: 'required' | 'optional' | 'none';
  /** Editing a registered person: the ID number is corrected on the edit page; encrypted fields are left empty to keep. */
  editing?: boolean;
  /** When editing: whether the person has an ID number (else sex and birth date are editable). */
  idKnown?: boolean;
  /** The hukou division when none is chosen here (the household's village): 城乡类别 is proposed from it. */
  fallbackDivision?: string | null;
}) {
  const form = Form.useFormInstance();
  const name = (n: string) => [...prefix, n];
  const path = (n: string) => [...listPrefix, ...prefix, n];
  const noId = Boolean(Form.useWatch(path('noId'), form));
  const idNumber = Form.useWatch(path('idNumber'), form) as string | undefined;
  const disabilityType = Form.useWatch(path('disabilityType'), form) as string | undefined;
  const ownHukou = Form.useWatch(path('hukouDivisionCode'), form) as string | undefined;
  const hukouType = Form.useWatch(path('hukouType'), form) as keyof typeof hukouTypes | undefined;
  // 城乡类别 is never defaulted: it starts empty and is proposed from the hukou division.
  const hukouDivision = (hukou !== 'none' ? ownHukou : undefined) || fallbackDivision;
  const parsed = !editing && !noId && idNumber ? parseResidentId(idNumber) : null;
  const derived = editing ? idKnown : !noId;
  const parsedSex = parsed?.ok ? parsed.sex : null;
  const parsedBirth = parsed?.ok ? parsed.birthDate : null;

  useEffect(() => {
    // Sex and birth date follow the ID number as it is typed.
    if (editing || noId) return;
    form.setFieldValue(path('sex'), parsedSex ?? undefined);
    form.setFieldValue(path('birthDate'), parsedBirth ? dayjs(parsedBirth) : undefined);
    // path() is rebuilt each render; the prefix is stable for a mounted field group.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- see above
  }, [parsedSex, parsedBirth, noId, editing, form]);

  return (
    <Row gutter={16}>
      <Col xs={24} md={8}>
        <Form.Item
          name={name('name')}
          label="姓名"
          rules={[{ required: true, whitespace: true, message: '请填写姓名' }, { max: 50, message: '姓名最多 50 个字' }, personNameRule]}
        >
          <Input maxLength={50} data-testid={`${testPrefix}-name`} />
        </Form.Item>
      </Col>
      {!editing && (
        <Col xs={24} md={10}>
          {noId ? (
            <Form.Item
              name={name('noIdReason')}
              label="无身份证号原因"
              rules={[{ required: true, whitespace: true, message: '请说明没有身份证号的原因' }]}
            >
              <Input maxLength={200} placeholder="如：身份不明的受助人员、新生儿尚未落户" data-testid={`${testPrefix}-noIdReason`} />
            </Form.Item>
          ) : (
            <Form.Item
              name={name('idNumber')}
              label="身份证号"
              validateFirst
              rules={[{ required: true, message: '请填写身份证号；没有的请打开右侧“无身份证号”' }, idNumberRule]}
              normalize={(v: string) => v?.replace(/\s+/g, '').toUpperCase()}
            >
              <Input maxLength={18} placeholder="18 位，末位可为 X" autoComplete="off" data-testid={`${testPrefix}-idNumber`} />
            </Form.Item>
          )}
        </Col>
      )}
      {!editing && (
        <Col xs={24} md={6}>
          <Form.Item name={name('noId')} label="无身份证号" valuePropName="checked">
            <Switch checkedChildren="无" unCheckedChildren="有" data-testid={`${testPrefix}-noId`} />
          </Form.Item>
        </Col>
      )}
      <Col xs={24} md={8}>
        <Form.Item
          name={name('sex')}
          label="性别"
          extra={derived ? '由身份证号自动识别' : undefined}
          rules={derived ? [] : [{ required: true, message: '请选择性别' }]}
        >
          <Select options={options(sexes)} disabled={derived} placeholder={derived ? '' : '请选择'} data-testid={`${testPrefix}-sex`} />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name={name('birthDate')} label="出生日期" extra={derived ? '由身份证号自动识别' : undefined}>
          <DatePicker disabled={derived} style={{ width: '100%' }} disabledDate={afterToday} data-testid={`${testPrefix}-birthDate`} />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item
          name={name('phone')}
          label={editing ? '联系电话（留空不变）' : '联系电话'}
          rules={[phoneRule]}
          normalize={(v: string) => v?.trim()}
        >
          <Input maxLength={20} placeholder="手机或固定电话" data-testid={`${testPrefix}-phone`} />
        </Form.Item>
      </Col>
      {hukou !== 'none' && (
        <Col xs={24} md={12}>
          <Form.Item
            name={name('hukouDivisionCode')}
            label={hukou === 'optional' ? '户籍地（不选则同家庭所在村）' : '户籍地'}
            rules={[
              { required: hukou === 'required', message: '请选择户籍地' },
              { len: 12, message: '请选择到村（社区）一级' },
            ]}
          >
            <DivisionPicker testId={`${testPrefix}-hukouDivision`} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      )}
      <Col xs={24} md={12}>
        <Form.Item
          name={name('residenceDivisionCode')}
          label="现居住地（与户籍地不同时填写）"
          rules={[{ len: 12, message: '请选择到村（社区）一级' }]}
        >
          <DivisionPicker style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item
          name={name('hukouType')}
          label="城乡类别"
          rules={[{ required: true, message: '请选择城乡类别' }]}
          extra={
            <HukouTypeSuggestion
              divisionCode={hukouDivision}
              value={hukouType}
              onAccept={(type) => form.setFields([{ name: path('hukouType'), value: type, errors: [] }])}
              testId={`${testPrefix}-hukouType-suggestion`}
            />
          }
        >
          <Select options={options(hukouTypes)} placeholder="请选择" data-testid={`${testPrefix}-hukouType`} />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name={name('disabilityType')} label="残疾类别">
          <Select allowClear placeholder="无" options={options(disabilityTypes)} />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item
          name={name('disabilityGrade')}
          label="残疾等级"
          dependencies={[path('disabilityType')]}
          rules={[{ required: Boolean(disabilityType), message: '有残疾类别时请选择等级' }]}
        >
          <Select allowClear placeholder={disabilityType ? '请选择' : '无'} disabled={!disabilityType} options={gradeOptions} />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item name={name('healthNotes')} label={editing ? '健康状况（加密保存；留空不变）' : '健康状况（加密保存）'}>
          <Input.TextArea rows={2} maxLength={2000} showCount placeholder="如：慢性病、长期服药、行动不便等" />
        </Form.Item>
      </Col>
    </Row>
  );
}

/**
 * Form values → API body (POST /api/persons, or `person` of a household member): the switch decides
 * between ID number and reason; sex and birth date are sent only without an ID number.
 */
export function toPersonBody(v: Record<string, unknown>): Record<string, unknown> {
  const { noId, birthDate, ...rest } = v;
  const body: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(rest)) if (val !== undefined && val !== null && val !== '') body[k] = val;
  if (noId) {
    delete body.idNumber;
    if (birthDate) body.birthDate = (birthDate as Dayjs).format('YYYY-MM-DD');
  } else {
    delete body.noIdReason;
    delete body.sex;
  }
  if (!body.disabilityType) delete body.disabilityGrade;
  return body;
}
