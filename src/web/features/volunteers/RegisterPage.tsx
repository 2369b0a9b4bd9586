import { useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Descriptions, Empty, Form, Input, Radio, Select, Space, Spin, Table } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { Dayjs } from 'dayjs';
import { afterToday, today } from '../../app/today';
import { api, errorMessage, type Page } from '../../app/api';
import { applyServerErrors } from '../../app/forms';
import { PageHeader } from '../../app/list';
import { sexes } from '../../../shared/registry-codes';
import { consentMethods } from '../../../shared/volunteers/codes';
import type { PersonRow } from '../../../shared/registry/persons';
import type { PrefillAnswer, RegisterInput } from '../../../shared/volunteers/volunteers';
import { ChoiceFields, options } from './ChoiceFields';

type Values = Omit<RegisterInput, 'personId' | 'consent'> & {
  consent?: { guardianPersonId?: number; method?: string; consentedOn?: Dayjs };
};

/**
 * 志愿者登记 (a walk-in at the window): find the person in the registry by ID number or name, check
 * what the registry knows (一数一源: the name, ID number and age are not typed again), record a minor's
 * guardian's consent, and register.
 */
export function RegisterPage() {
  const [params, setParams] = useSearchParams();
  const personId = Number(params.get('personId')) || null;
  return (
    <div>
      <PageHeader
        title="志愿者登记"
        sub="按身份证号或姓名在人口库中查找人员后登记。年满 18 周岁的本人登记；14 至 18 周岁的须经监护人同意；未满 14 周岁的不能注册。"
      />
      <FindPerson onPick={(id) => setParams(new URLSearchParams({ personId: String(id) }))} />
      {personId && <RegisterForm key={personId} personId={personId} />}
    </div>
  );
}

function FindPerson({ onPick }: { onPick: (id: number) => void }) {
  const [term, setTerm] = useState('');
  const [query, setQuery] = useState<string | null>(null);
  const found = useQuery({
    queryKey: ['volunteer-find', query],
    enabled: query !== null,
    queryFn: () => api.get<Page<PersonRow>>(`/api/persons?pageSize=20&${query}`),
  });
  const search = () => {
    const t = term.trim();
    if (!t) return;
    setQuery(/^\d{6}/.test(t) ? `idNumber=${encodeURIComponent(t.toUpperCase())}` : `name=${encodeURIComponent(t)}`);
  };
  return (
    <Card size="small" title="第一步：在人口库中查找人员">
      <Space.Compact style={{ maxWidth: 480, width: '100%' }}>
        <Input
          value={term}
          onChange={(e) => setTerm(e.target.value)}
          onPressEnter={search}
          placeholder="完整身份证号，或姓名开头"
          data-testid="volunteer-find-input"
        />
        <Button type="primary" onClick={search} data-testid="volunteer-find-submit">
          查找
        </Button>
      </Space.Compact>
      {found.error && <Alert type="error" showIcon style={{ marginTop: 12 }} title={errorMessage(found.error)} />}
      {query !== null && !found.error && (
        <Table<PersonRow>
          style={{ marginTop: 12 }}
          rowKey="id"
          size="small"
          loading={found.isFetching}
          dataSource={found.data?.items}
          pagination={false}
          locale={{
            emptyText: (
              <Empty description="人口库中没有找到该人员。请核对身份证号；未登记的，请先在“人员查询”中登记到人口库，再登记志愿者。" />
            ),
          }}
          columns={[
            { title: '姓名', dataIndex: 'name' },
            { title: '身份证号', dataIndex: 'idNumberMasked' },
            { title: '性别', dataIndex: 'sex', render: (s: PersonRow['sex']) => (s ? sexes[s] : '') },
            { title: '出生日期', dataIndex: 'birthDate' },
            { title: '户籍地', dataIndex: 'hukouDivisionName' },
            {
              title: '',
              key: 'pick',
              render: (_: unknown, r) => (
                <Button size="small" onClick={() => onPick(r.id)} data-testid="volunteer-pick">
                  选择
                </Button>
              ),
            },
          ]}
        />
      )}
    </Card>
  );
}

function RegisterForm({ personId }: { personId: number }) {
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const client = useQueryClient();
  const { message } = App.useApp();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { data: p, error: loadError } = useQuery({
    queryKey: ['volunteer-prefill', personId],
    queryFn: () => api.get<PrefillAnswer>(`/api/volunteers/prefill?personId=${personId}`),
  });
  if (loadError) return <Alert type="error" showIcon style={{ marginTop: 16 }} title={errorMessage(loadError)} />;
  if (!p) return <Spin style={{ display: 'block', margin: 40 }} />;
  const minor = p.ageRule === 'guardian_consent';
  const submit = async () => {
    const v = await form.validateFields();
    setError(null);
    setBusy(true);
    try {
      const body: RegisterInput = {
        ...v,
        personId,
        skills: v.skills ?? [],
        organisationId: v.organisationId ?? null,
        consent:
          minor && v.consent
            ? {
                guardianPersonId: v.consent.guardianPersonId!,
                method: v.consent.method as 'written' | 'on_site',
                consentedOn: v.consent.consentedOn!.format('YYYY-MM-DD'),
              }
            : null,
      };
      const { id } = await api.post<{ id: number }>('/api/volunteers', body);
      message.success('已登记为志愿者');
      void client.invalidateQueries({ queryKey: ['volunteers'] });
      void navigate(`/volunteers/${id}`);
    } catch (err) {
      setError(applyServerErrors(form, err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title="第二步：核对人员信息并登记" style={{ marginTop: 16 }} data-testid="volunteer-register-form">
      <Descriptions
        size="small"
        column={{ xs: 1, md: 3 }}
        items={[
          { key: 'n', label: '姓名', children: p.name },
          { key: 'i', label: '身份证号', children: p.idNumber },
          { key: 'a', label: '年龄', children: p.age === null ? '不详' : `${p.age} 周岁` },
          { key: 'd', label: '人口库居住地', children: p.divisionName },
        ]}
      />
      {p.volunteer && p.volunteer.status === 'registered' ? (
        <Alert
          type="info"
          showIcon
          title={
            <span>
              该人员已是在册志愿者（编号 {p.volunteer.volunteerNo}），<Link to={`/volunteers/${p.volunteer.id}`}>查看志愿者信息</Link>
            </span>
          }
        />
      ) : p.refusal ? (
        <Alert type="warning" showIcon title={p.refusal} data-testid="volunteer-refusal" />
      ) : (
        <Form
          form={form}
          layout="vertical"
          initialValues={{ divisionCode: p.divisionCode ?? undefined, skills: [], consent: { consentedOn: today() } }}
        >
          {p.volunteer && (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 12 }}
              title={`该人员曾注册（编号 ${p.volunteer.volunteerNo}，已注销），本次登记为重新注册，编号不变。`}
            />
          )}
          {minor && (
            <Card size="small" type="inner" title="监护人同意（未满 18 周岁）" style={{ marginBottom: 16 }}>
              {p.guardians.length === 0 ? (
                <Alert
                  type="warning"
                  showIcon
                  title="人口库中没有该未成年人在效的父母或监护人关系：请先在人员详情的“关系”中登记监护人，再办理注册。"
                />
              ) : (
                <>
                  <Form.Item
                    name={['consent', 'guardianPersonId']}
                    label="同意的监护人"
                    rules={[{ required: true, message: '请选择同意的监护人' }]}
                  >
                    <Select
                      options={p.guardians.map((g) => ({ value: g.personId, label: `${g.name}（${g.kindName}）` }))}
                      style={{ maxWidth: 300 }}
                      data-testid="volunteer-guardian"
                    />
                  </Form.Item>
                  <Form.Item name={['consent', 'method']} label="同意方式" rules={[{ required: true, message: '请选择监护人同意方式' }]}>
                    <Radio.Group options={options(consentMethods)} />
                  </Form.Item>
                  <Form.Item
                    name={['consent', 'consentedOn']}
                    label="同意日期"
                    rules={[{ required: true, message: '请填写监护人同意日期' }]}
                  >
                    <DatePicker disabledDate={afterToday} />
                  </Form.Item>
                </>
              )}
            </Card>
          )}
          <ChoiceFields />
          {error && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={error} data-testid="volunteer-register-error" />}
          <Button
            type="primary"
            loading={busy}
            onClick={() => void submit()}
            disabled={minor && p.guardians.length === 0}
            data-testid="volunteer-register-submit"
          >
            登记
          </Button>
        </Form>
      )}
    </Card>
  );
}
