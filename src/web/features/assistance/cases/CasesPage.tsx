import { Button, Form, Input, Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { api, type Page } from '../../../app/api';
import { useCan } from '../../../app/auth';
import { ExportButton, FilterForm, ListError, ListTable, PageHeader, useUrlList } from '../../../app/list';
import { DivisionPicker } from '../../../components/DivisionPicker';
import { assistanceCategories, caseStatuses } from '../../../../shared/assistance-codes';
import { caseColumns } from './caseColumns';
import type { CaseRow } from '../../../../shared/assistance/cases';
import { shanghaiToday } from '../../../../shared/dates';

type Filter = { status?: string; category?: string; divisionCode?: string; q?: string };

const options = (o: Record<string, string>) => Object.entries(o).map(([value, label]) => ({ value, label }));

/** 救助案件: every case in the jurisdiction, by status, category, place, case number or applicant name. */
export function CasesPage() {
  const list = useUrlList<Filter>();
  const [form] = Form.useForm();
  const can = useCan();
  const navigate = useNavigate();
  const { data, isFetching, error } = useQuery({
    queryKey: ['assistance-cases', list.query],
    queryFn: () => api.get<Page<CaseRow>>(`/api/assistance/cases${list.query}`),
  });
  return (
    <div>
      <PageHeader title="救助案件" sub="管辖范围内的社会救助申请。点击申请编号查看办理记录、办理下一步或打印文书。" />
      <FilterForm
        form={form}
        filter={list.filter}
        filterKey={list.filterKey}
        onSearch={list.setFilter}
        submitTestId="cases-filter-submit"
        actions={
          <>
            <ExportButton url="/api/assistance/cases/export" filter={list.filter} filename="救助案件.xlsx" testId="cases-export" />
            {can('assistance.apply') && (
              <Button type="primary" onClick={() => navigate('/assistance/apply')}>
                窗口受理
              </Button>
            )}
          </>
        }
      >
        <Form.Item name="q" label="编号或姓名">
          <Input allowClear maxLength={50} placeholder="申请编号或申请人姓名开头" style={{ width: 200 }} data-testid="cases-filter-q" />
        </Form.Item>
        <Form.Item name="category" label="类别">
          <Select
            allowClear
            options={options(assistanceCategories)}
            placeholder="全部"
            style={{ width: 140 }}
            data-testid="cases-filter-category"
          />
        </Form.Item>
        <Form.Item name="status" label="状态">
          <Select allowClear options={options(caseStatuses)} placeholder="全部" style={{ width: 180 }} data-testid="cases-filter-status" />
        </Form.Item>
        <Form.Item name="divisionCode" label="所在地">
          <DivisionPicker anyLevel />
        </Form.Item>
      </FilterForm>
      <ListError error={error} form={form} />
      <ListTable<CaseRow>
        list={list}
        page={data}
        loading={isFetching}
        unit="件"
        rowId="case-row"
        columns={[
          ...caseColumns(),
          { title: '渠道', dataIndex: 'channel', width: 90, render: (v: CaseRow['channel']) => (v === 'online' ? '网上申请' : '窗口受理') },
          { title: '申请日期', dataIndex: 'createdAt', width: 100, render: (v: string) => shanghaiToday(new Date(v)) },
        ]}
        empty={{
          filtered: '没有符合条件的案件。请检查编号或姓名，或放宽状态、类别和所在地。',
          none: can('assistance.apply') ? '还没有救助案件。群众申请时，点击“窗口受理”选择家庭并登记申请。' : '管辖范围内还没有救助案件。',
        }}
      />
    </div>
  );
}
