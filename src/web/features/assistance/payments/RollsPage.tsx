import { DatePicker, Form } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { api, type Page } from '../../../app/api';
import { useCan } from '../../../app/auth';
import { FilterForm, ListError, ListTable, PageHeader, useUrlList } from '../../../app/list';
import { fromMonth, toMonth } from '../../../app/months';
import { BuildRoll, rollColumns } from '../../payments/rolls';
import type { Roll } from '../../../../shared/payments/rolls';

export { rollStatuses } from '../../payments/rolls';

/** 发放名册: one roll per county and month; building one is a background job whose progress is shown. */
export function RollsPage() {
  const list = useUrlList<{ month?: string }>();
  const can = useCan();
  const { data, isFetching, error, refetch } = useQuery({
    queryKey: ['assistance-rolls', list.query],
    queryFn: () => api.get<Page<Roll>>(`/api/payments/assistance/rolls${list.query}`),
    // A roll being built changes by itself: look again every few seconds until none is.
    refetchInterval: (q) => (q.state.data?.items.some((r) => r.status === 'building') ? 3000 : false),
  });
  // A township's, village's or organisation's figures are those of its own part of each roll.
  const own = data?.items.some((r) => !r.wholeRoll) ? '本辖区' : '';
  return (
    <div>
      <PageHeader
        title="发放名册"
        sub="每个县（市、区）每月一册，按当月在享待遇生成，金额和核算依据随名册冻结。县级审核后导出银行代发文件，导入银行回盘后可查看发放失败的人员。"
      />
      {can('assistance.roll') && (
        <BuildRoll
          api="/api/payments/assistance/rolls"
          path="/assistance/rolls"
          unit="户（人）"
          rollQuery="assistance-roll"
          onBuilt={() => void refetch()}
        />
      )}
      <FilterForm<{ month?: Dayjs }>
        filter={list.filter}
        filterKey={list.filterKey}
        onSearch={list.setFilter}
        toForm={(f) => ({ month: fromMonth(f.month) })}
        fromForm={(v) => ({ month: toMonth(v.month) })}
        submitTestId="rolls-filter-submit"
      >
        <Form.Item name="month" label="发放月份">
          <DatePicker picker="month" allowClear />
        </Form.Item>
      </FilterForm>
      <ListError error={error} />
      <ListTable<Roll>
        list={list}
        page={data}
        loading={isFetching && !data}
        unit="册"
        rowId="roll-row"
        empty={{
          filtered: '该月还没有名册。',
          none: can('assistance.roll')
            ? '还没有发放名册。在上方选择县（市、区）和发放月份，点击“编制名册”。'
            : '还没有发放名册。名册由县级民政部门每月编制。',
        }}
        columns={rollColumns({ path: '/assistance/rolls', unit: '户（人）', own })}
      />
    </div>
  );
}
