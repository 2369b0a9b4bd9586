import { Form, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../../app/api';
import { ExportButton, FilterForm, ListError, ListTable, PageHeader, useUrlList } from '../../../app/list';
import { DivisionPicker } from '../../../components/DivisionPicker';
import { Money } from '../../../components/Money';
import { monthLabel } from '../../../../shared/dates';
import { paymentStatuses } from '../../../../shared/payments/rolls';
import type { AfterDeathPage as Answer, AfterDeathRow } from '../../../../shared/assistance/entitlements';

type Filter = { divisionCode?: string };

/**
 * 死亡后已发放待追回: the months a roll paid after a covered member's death (the registry's death
 * record), with what is to be recovered: the whole line where it covered only the deceased, else their
 * share, estimated (the line ÷ persons covered) for the clerk to confirm.
 */
export function AfterDeathPage() {
  const list = useUrlList<Filter>();
  const [form] = Form.useForm<Filter>();
  const { data, isFetching, error } = useQuery({
    queryKey: ['assistance-after-death', list.query],
    queryFn: () => api.get<Answer>(`/api/assistance/after-death${list.query}`),
  });
  return (
    <div>
      <PageHeader
        title="死亡后已发放待追回"
        sub={
          <>
            人口库登记死亡后，名册仍已发放的月份。仅覆盖去世人员的，全额追回；多人户按人均份额估算，以核定为准。
            {data ? (
              <>
                合计应追回 <Money fen={data.recoverFen} />
              </>
            ) : null}
          </>
        }
      />
      <FilterForm<Filter>
        form={form}
        filter={list.filter}
        filterKey={list.filterKey}
        onSearch={list.setFilter}
        toForm={(f) => f}
        fromForm={(v) => ({ divisionCode: v.divisionCode })}
        actions={<ExportButton url="/api/assistance/after-death/export" filter={list.filter} filename="死亡后已发放待追回.xlsx" />}
      >
        <Form.Item name="divisionCode" label="区划">
          <DivisionPicker anyLevel testId="after-death-division" />
        </Form.Item>
      </FilterForm>
      <ListError error={error} form={form} />
      <ListTable<AfterDeathRow>
        list={list}
        page={data}
        loading={isFetching}
        rowKey={(r) => `${r.rollId}-${r.entitlementId}-${r.diedOn}`}
        empty={{ none: '没有死亡后仍已发放的月份。人口库登记死亡后，待遇自次月起自动调整。' }}
        data-testid="after-death-table"
        columns={[
          { title: '去世人员', dataIndex: 'deceasedName' },
          { title: '死亡日期', dataIndex: 'diedOn' },
          { title: '发放月份', dataIndex: 'month', render: (m: string) => monthLabel(m) },
          { title: '所属区划', dataIndex: 'divisionName' },
          { title: '类别', dataIndex: 'categoryName' },
          { title: '保障人数', dataIndex: 'coveredCount' },
          { title: '当月发放（元）', dataIndex: 'paidFen', align: 'right', render: (f: number) => <Money fen={f} unit={false} /> },
          {
            title: '应追回（元）',
            key: 'recover',
            align: 'right',
            render: (_, r) => (
              <>
                <Money fen={r.recoverFen} unit={false} /> {r.estimated && <Tag>估算</Tag>}
              </>
            ),
          },
          { title: '发放状态', dataIndex: 'paymentStatus', render: (s: keyof typeof paymentStatuses) => paymentStatuses[s] ?? s },
          { title: '', key: 'open', render: (_, r) => <Link to={`/assistance/entitlements/${r.entitlementId}`}>查看待遇</Link> },
        ]}
      />
    </div>
  );
}
