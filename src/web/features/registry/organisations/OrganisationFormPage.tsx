import { useState } from 'react';
import { Alert, App, Button, Card, Col, Form, Input, Row, Select, Space, Spin, type FormItemProps } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import { api, errorMessage, type Page } from '../../../app/api';
import { applyServerErrors } from '../../../app/forms';
import { PageHeader } from '../../../app/list';
import { NotFoundResult } from '../../../app/Results';
import { DivisionPicker } from '../../../components/DivisionPicker';
import { organisationLegalTypes } from '../../../../shared/registry/organisation-codes';
import type { CreditCodeAnswer, OrganisationDetail, OrganisationInput, OrganisationRow } from '../../../../shared/registry/organisations';

type Values = Omit<OrganisationInput, 'legalRepPersonId'>;
const legalOptions = Object.entries(organisationLegalTypes).map(([value, label]) => ({ value, label }));

/** 登记组织 (/organisations/new) and 修改组织 (/organisations/:id/edit). */
export function OrganisationFormPage() {
  const { id } = useParams();
  const editing = id !== undefined;
  const { data: org, error: loadError } = useQuery({
    queryKey: ['organisation', id],
    queryFn: () => api.get<OrganisationDetail>(`/api/organisations/${id}`),
    enabled: editing,
  });
  if (editing && loadError) return <NotFoundResult title={errorMessage(loadError)} back="/organisations" backLabel="返回组织机构" />;
  if (editing && !org) return <Spin style={{ display: 'block', margin: 60 }} />;
  return <OrganisationForm org={org ?? null} />;
}

function OrganisationForm({ org }: { org: OrganisationDetail | null }) {
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [parentSearch, setParentSearch] = useState('');
  const navigate = useNavigate();
  const client = useQueryClient();
  const { message } = App.useApp();
  const creditCode = Form.useWatch('creditCode', form);
  /** A registered organisation has a credit code; an unregistered team has none and needs a parent. */
  const registered = Boolean(creditCode?.trim());
  const parents = useQuery({
    queryKey: ['organisations', 'parents', parentSearch],
    queryFn: () => api.get<Page<OrganisationRow>>(`/api/organisations?pageSize=50&status=active&q=${encodeURIComponent(parentSearch)}`),
  });
  const parentOptions = (parents.data?.items ?? [])
    .filter((o) => o.id !== org?.id)
    .map((o) => ({ value: o.id, label: `${o.name}（${o.creditCode ?? o.platformNo ?? ''}）` }));
  if (org?.parentId && !parentOptions.some((o) => o.value === org.parentId))
    parentOptions.unshift({ value: org.parentId, label: org.parentName ?? `#${org.parentId}` });

  /** Asks the server as the code is typed: the message names the field and says whether it is taken. */
  const checkCreditCode = async (_: unknown, value: string | undefined) => {
    if (!value || !value.trim()) return;
    const r = await api.post<CreditCodeAnswer>('/api/organisations/validate-credit-code', {
      code: value,
      ...(org ? { organisationId: org.id } : {}),
    });
    if (!r.valid) throw new Error(r.message);
  };

  const submit = async (v: Values) => {
    setError(null);
    setBusy(true);
    const body = {
      ...v,
      creditCode: v.creditCode?.trim() || null,
      legalType: v.creditCode?.trim() ? (v.legalType ?? null) : null,
      parentId: v.parentId ?? null,
      legalRepPersonId: org?.legalRepPersonId ?? null,
    };
    try {
      const saved = org
        ? await api.patch<OrganisationRow>(`/api/organisations/${org.id}`, { ...body, version: org.version })
        : await api.post<OrganisationRow>('/api/organisations', body);
      await client.invalidateQueries({ queryKey: ['organisation'] });
      await client.invalidateQueries({ queryKey: ['organisations'] });
      message.success('已保存');
      void navigate(`/organisations/${saved.id}`);
    } catch (e) {
      setError(applyServerErrors(form, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div>
      <PageHeader title={org ? `修改组织：${org.name}` : '登记组织'} extra={<Button onClick={() => navigate(-1)}>返回</Button>} />
      <Card size="small">
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="org-form-error" />}
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={
            org
              ? {
                  name: org.name,
                  creditCode: org.creditCode,
                  legalType: org.legalType,
                  registrationAuthority: org.registrationAuthority,
                  legalRepName: org.legalRepName,
                  address: org.address,
                  divisionCode: org.divisionCode,
                  parentId: org.parentId,
                }
              : {}
          }
        >
          <Row gutter={16}>
            <Cell
              name="name"
              label="名称"
              rules={[
                { required: true, whitespace: true, message: '请填写组织名称' },
                { min: 2, message: '请填写组织全称' },
                { max: 100, message: '组织名称最多 100 个字' },
              ]}
            >
              <Input placeholder="以登记证书上的名称为准" data-testid="org-name" />
            </Cell>
            <Cell
              name="creditCode"
              label="统一社会信用代码"
              validateTrigger="onBlur"
              rules={[{ validator: checkCreditCode }]}
              extra="18 位，见登记证书。未登记的团队（如志愿服务队）不填，由平台编号，但须选择上级组织。"
            >
              <Input maxLength={40} allowClear data-testid="org-credit-code" />
            </Cell>
            <Cell name="legalType" label="法人类型" rules={registered ? [{ required: true, message: '请选择法人类型' }] : []}>
              <Select
                allowClear
                options={legalOptions}
                disabled={!registered}
                placeholder={registered ? '请选择' : '未登记团队无需选择'}
                data-testid="org-legal-type"
              />
            </Cell>
            <Cell name="registrationAuthority" label="登记管理机关">
              <Input maxLength={100} placeholder="如：济宁市民政局" />
            </Cell>
            <Cell name="legalRepName" label="法定代表人">
              <Input maxLength={50} />
            </Cell>
            <Cell name="address" label="地址">
              <Input maxLength={200} />
            </Cell>
            <Cell
              name="divisionCode"
              label="所在区划"
              rules={[{ required: true, message: '请选择所在区划' }]}
              extra="村（居）民委员会就是其区划：在此选择该村（社区）即可关联，不另行登记。"
            >
              <DivisionPicker anyLevel style={{ width: '100%' }} testId="org-division" />
            </Cell>
            <Cell
              name="parentId"
              label="上级组织"
              rules={registered ? [] : [{ required: true, message: '未登记的团队（无统一社会信用代码）须选择上级组织' }]}
            >
              <Select
                allowClear
                showSearch={{ filterOption: false, onSearch: setParentSearch }}
                options={parentOptions}
                placeholder="输入名称查找"
                data-testid="org-parent"
              />
            </Cell>
          </Row>
          <Space>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="org-save">
              保存
            </Button>
            <Button onClick={() => navigate(-1)}>取消</Button>
          </Space>
        </Form>
      </Card>
    </div>
  );
}

/** One field of the form's two-column grid. */
function Cell(props: FormItemProps<Values>) {
  return (
    <Col xs={24} md={12}>
      <Form.Item<Values> {...props} />
    </Col>
  );
}
