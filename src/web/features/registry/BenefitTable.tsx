import { useState } from 'react';
import { App, Button, DatePicker, Empty, Modal, Table } from 'antd';
import type { Dayjs } from 'dayjs';
import { api, ApiError, yuan } from '../../app/api';
import { useCan } from '../../app/auth';
import type { Benefit } from './types';

/** Benefit records; with benefit.write and `onChanged`, a running record can be ended. */
export function BenefitTable({ benefits, showPerson = false, onChanged }: { benefits: Benefit[]; showPerson?: boolean; onChanged?: () => void }) {
  const can = useCan();
  const { message } = App.useApp();
  const [ending, setEnding] = useState<Benefit | null>(null);
  const [month, setMonth] = useState<Dayjs | null>(null);
  const end = async () => {
    if (!ending || !month) return;
    try {
      await api.post(`/api/benefits/${ending.id}/end`, { endMonth: month.format('YYYY-MM') });
      setEnding(null);
      onChanged?.();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '操作失败');
    }
  };
  return (
    <>
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
          ...(onChanged && can('benefit.write')
            ? [{ title: '', key: 'op', className: 'no-print', render: (_: unknown, b: Benefit) => (b.endMonth ? null : <Button type="link" size="small" onClick={() => setEnding(b)}>终止</Button>) }]
            : []),
        ]}
      />
      <Modal open={!!ending} title={`终止待遇：${ending?.personName ?? ''} ${ending?.typeName ?? ''}`} onCancel={() => setEnding(null)} onOk={end} okText="终止" okButtonProps={{ disabled: !month }} destroyOnHidden>
        <p>最后一个享受月份：</p>
        <DatePicker picker="month" onChange={setMonth} style={{ width: '100%' }} />
      </Modal>
    </>
  );
}
