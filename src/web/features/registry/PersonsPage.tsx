import { Button, Form, Input, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { api, type Page } from '../../app/api';
import { useCan } from '../../app/auth';
import { ExportButton, FilterForm, ListError, ListTable, PageHeader, useUrlList } from '../../app/list';
import { DivisionPicker } from '../../components/DivisionPicker';
import { FieldValue } from '../../components/FieldValue';
import { disabilityTypes, hukouTypes, relations, sexes } from '../../../shared/registry-codes';
import { idNumberRule } from './PersonFields';
import type { PersonRow } from '../../../shared/registry/persons';
import { HukouUnverifiedTag } from './ConfirmHukouButton';

type Filter = { name?: string; idNumber?: string; divisionCode?: string };

/** 人员查询: name prefix, exact ID number, division; ID numbers and phones masked. */
export function PersonsPage() {
  const list = useUrlList<Filter>();
  const [form] = Form.useForm();
  const can = useCan();
  const navigate = useNavigate();
  const { data, isFetching, error } = useQuery({
    queryKey: ['persons', list.query],
    queryFn: () => api.get<Page<PersonRow>>(`/api/persons${list.query}`),
  });
  return (
    <div>
      <PageHeader title="人员查询" sub="管辖范围内登记的人员。身份证号、联系电话已脱敏；有权限的人员可在详情页“查看原文”（记入审计）。" />
      <FilterForm
        form={form}
        filter={list.filter}
        filterKey={list.filterKey}
        onSearch={list.setFilter}
        actions={
          <>
            {can('registry.export') && <ExportButton url="/api/persons/export" filter={list.filter} filename="人员名单.xlsx" />}
            {can('registry.import') && <Button onClick={() => navigate('/imports')}>导入花名册</Button>}
            {can('registry.write') && (
              <Button type="primary" onClick={() => navigate('/persons/new')} data-testid="person-new">
                登记人员
              </Button>
            )}
          </>
        }
      >
        <Form.Item name="name" label="姓名">
          <Input placeholder="姓名或姓名开头" allowClear maxLength={50} style={{ width: 150 }} data-testid="filter-name" />
        </Form.Item>
        <Form.Item name="idNumber" label="身份证号" rules={[idNumberRule]} normalize={(v: string) => v?.replace(/\s+/g, '').toUpperCase()}>
          <Input placeholder="完整的 18 位号码" allowClear maxLength={18} style={{ width: 200 }} data-testid="filter-idNumber" />
        </Form.Item>
        <Form.Item name="divisionCode" label="户籍地">
          <DivisionPicker anyLevel testId="filter-division" />
        </Form.Item>
      </FilterForm>
      <ListError error={error} form={form} />
      <ListTable<PersonRow>
        list={list}
        page={data}
        loading={isFetching}
        unit="人"
        rowId="person-row"
        empty={{
          filtered: '没有符合条件的人员。请检查姓名、身份证号是否输入正确，或扩大区划范围。',
          none: '人口库中还没有人员。可点击“登记人员”逐个登记，或通过“导入花名册”批量导入。',
        }}
        columns={[
          {
            title: '姓名',
            dataIndex: 'name',
            fixed: 'left',
            render: (v: string, r) => (
              <>
                <Link to={`/persons/${r.id}`} data-testid="person-link">
                  {v}
                </Link>
                {r.diedOn && <Tag style={{ marginLeft: 4 }}>已故</Tag>}
                {r.movedOutOn && <Tag style={{ marginLeft: 4 }}>已迁出</Tag>}
              </>
            ),
          },
          { title: '性别', dataIndex: 'sex', width: 56, render: (v: PersonRow['sex']) => (v ? sexes[v] : '') },
          { title: '出生日期', dataIndex: 'birthDate', width: 104 },
          {
            title: '身份证号',
            dataIndex: 'idNumberMasked',
            render: (v: string | null, r) => (
              <span data-testid="id-masked">
                <FieldValue value={v} empty={r.noIdReason ? <Tag>无身份证号</Tag> : ''} />
              </span>
            ),
          },
          { title: '联系电话', dataIndex: 'phoneMasked', render: (v: string | null) => <FieldValue value={v} /> },
          {
            title: '户籍地',
            dataIndex: 'hukouDivisionName',
            render: (v: string | null, r) => (
              <>
                {v} <HukouUnverifiedTag p={r} />
              </>
            ),
          },
          { title: '城乡', dataIndex: 'hukouType', width: 56, render: (v: PersonRow['hukouType']) => hukouTypes[v] },
          {
            title: '残疾',
            dataIndex: 'disabilityType',
            render: (v: string | null, r) =>
              v ? `${disabilityTypes[v as keyof typeof disabilityTypes] ?? v}${r.disabilityGrade ? ` ${r.disabilityGrade} 级` : ''}` : '',
          },
          {
            title: '家庭关系',
            dataIndex: 'householdId',
            // The way to the household: in sight on a phone too.
            fixed: 'right',
            render: (v: number | null, r) =>
              v ? (
                <Link to={`/households/${v}`}>{r.relation ? relations[r.relation as keyof typeof relations] : '成员'}</Link>
              ) : (
                <span className="hint">未登记</span>
              ),
          },
        ]}
      />
    </div>
  );
}
