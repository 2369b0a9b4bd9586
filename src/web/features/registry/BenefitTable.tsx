import { useState } from 'react';
import { Alert, Button, DatePicker, Empty, Modal, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { api, errorMessage } from '../../app/api';
import { yuan } from '../../../shared/money';
import { useCan } from '../../app/auth';
import { rowTestId } from '../../app/list';
import type { BenefitRow as Benefit } from '../../../shared/registry/benefits';
import { thisMonth } from '../../app/today';

export const isRunning = (b: Benefit) => !b.endMonth || b.endMonth >= thisMonth();

/** Benefit records, amounts in 元; with benefit.write and `onChanged`, a running record can be ended. */
export function BenefitTable({
  benefits,
  showPerson = false,
  onChanged,
  emptyText,
}: {
  benefits: Benefit[];
  showPerson?: boolean;
  onChanged?: () => void;
  emptyText?: string;
}) {
  const can = useCan();
  const [ending, setEnding] = useState<Benefit | null>(null);
  const running = benefits.filter(isRunning);
  const monthly = running.reduce((s, b) => s + b.monthlyAmountFen, 0);
  return (
    <>
      <Table<Benefit>
        rowKey="id"
        size="small"
        pagination={benefits.length > 20 ? { pageSize: 20, showTotal: (t) => `共 ${t} 条` } : false}
        dataSource={benefits}
        onRow={rowTestId('benefit-row')}
        scroll={{ x: 'max-content' }}
        locale={{
          emptyText: (
            <Empty
              description={emptyText ?? '没有待遇记录。外部部门发放的待遇（如残疾人两项补贴、养老金）可点击“登记待遇”录入。'}
              image={Empty.PRESENTED_IMAGE_SIMPLE}
            />
          ),
        }}
        columns={[
          ...(showPerson ? [{ title: '人员', dataIndex: 'personName' }] : []),
          { title: '待遇类别', dataIndex: 'typeName' },
          {
            title: '月金额（元）',
            dataIndex: 'monthlyAmountFen',
            align: 'right' as const,
            render: (v: number) => <span className="money">{yuan(v)}</span>,
          },
          { title: '起始月份', dataIndex: 'startMonth' },
          { title: '截止月份', dataIndex: 'endMonth', render: (v: string | null) => v ?? '—' },
          {
            title: '状态',
            key: 'state',
            render: (_: unknown, b: Benefit) => (isRunning(b) ? <Tag color="green">享受中</Tag> : <Tag>已终止</Tag>),
          },
          { title: '来源', dataIndex: 'sourceName' },
          { title: '备注', dataIndex: 'note' },
          ...(onChanged && can('benefit.write')
            ? [
                {
                  title: '操作',
                  key: 'op',
                  fixed: 'right' as const,
                  className: 'no-print',
                  render: (_: unknown, b: Benefit) =>
                    b.endMonth ? null : (
                      <Button type="link" size="small" onClick={() => setEnding(b)} data-testid="benefit-end">
                        终止
                      </Button>
                    ),
                },
              ]
            : []),
        ]}
        summary={() =>
          running.length > 1 ? (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={showPerson ? 2 : 1}>
                享受中合计（每月）
              </Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">
                <b className="money" data-testid="benefit-monthly-total">
                  {yuan(monthly)}
                </b>
              </Table.Summary.Cell>
            </Table.Summary.Row>
          ) : null
        }
      />
      {ending && (
        <EndBenefitModal
          benefit={ending}
          onClose={() => setEnding(null)}
          onDone={() => {
            setEnding(null);
            onChanged?.();
          }}
        />
      )}
    </>
  );
}

/** 终止待遇: the last month paid; not before the start month. */
function EndBenefitModal({ benefit, onClose, onDone }: { benefit: Benefit; onClose: () => void; onDone: () => void }) {
  const [month, setMonth] = useState<Dayjs | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const end = async () => {
    if (!month) return;
    setBusy(true);
    try {
      await api.post(`/api/benefits/${benefit.id}/end`, { endMonth: month.format('YYYY-MM') });
      onDone();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={`终止待遇：${benefit.personName} · ${benefit.typeName}`}
      onCancel={onClose}
      onOk={end}
      okText="终止"
      okButtonProps={{ disabled: !month, danger: true }}
      confirmLoading={busy}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <p>
        自 {benefit.startMonth} 起每月 {yuan(benefit.monthlyAmountFen)} 元。请选择最后一个享受月份：
      </p>
      <DatePicker
        picker="month"
        onChange={setMonth}
        style={{ width: '100%' }}
        disabledDate={(d: Dayjs) => d.format('YYYY-MM') < benefit.startMonth}
      />
    </Modal>
  );
}
