import { Table, Empty } from 'antd';
import { yuan } from '../../app/api';
import type { Benefit } from './types';

export function BenefitTable({ benefits, showPerson = false }: { benefits: Benefit[]; showPerson?: boolean }) {
  return (
    <Table<Benefit>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={benefits}
      locale={{ emptyText: <Empty description="没有待遇记录" image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
      columns={[
        ...(showPerson ? [{ title: '人员', dataIndex: 'personName' }] : []),
        { title: '待遇类别', dataIndex: 'typeName' },
        { title: '月金额（元）', dataIndex: 'monthlyAmountFen', align: 'right' as const, render: (v: number) => yuan(v) },
        { title: '起始月份', dataIndex: 'startMonth' },
        { title: '截止月份', dataIndex: 'endMonth', render: (v: string | null) => v ?? '至今' },
        { title: '来源', dataIndex: 'sourceName' },
        { title: '备注', dataIndex: 'note' },
      ]}
    />
  );
}
