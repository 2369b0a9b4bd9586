/**
 * 供养方式待确认: the 特困 entitlements in force inside the user's scope whose 供养方式 the platform set
 * (the existing roster: 分散供养; an approval that chose none), for the township to confirm each or change it.
 */
import { Alert, App, Button } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, errorMessage, qs } from '../../../app/api';
import { ListTable, PageHeader, useUrlList } from '../../../app/list';
import { monthLabel } from '../../../../shared/dates';
import type { PendingSupportMode, PendingSupportModesPage } from '../../../../shared/assistance/support-mode';

export function SupportModesPendingPage() {
  const list = useUrlList();
  const { message } = App.useApp();
  const page = useQuery({
    queryKey: ['support-modes-pending', list.page, list.pageSize],
    queryFn: () =>
      api.get<PendingSupportModesPage>(`/api/assistance/support-modes/pending${qs({ page: list.page, pageSize: list.pageSize })}`),
  });
  const confirm = async (r: PendingSupportMode) => {
    try {
      await api.post(`/api/assistance/entitlements/${r.id}/support-mode/confirm`, { version: r.version });
      message.success(`已确认 ${r.payeeName} 为${r.supportMode.modeName}`);
    } catch (e) {
      message.error(errorMessage(e));
    }
    void page.refetch();
  };
  return (
    <div>
      <PageHeader
        title="供养方式待确认"
        sub="特困人员的供养方式（分散供养或集中供养）由系统暂按分散供养设置的，请逐一核实确认；不符的请打开对象变更。"
      />
      {page.error && <Alert type="error" showIcon title={errorMessage(page.error)} style={{ marginBottom: 12 }} />}
      <ListTable<PendingSupportMode>
        list={list}
        page={page.data}
        loading={page.isLoading}
        unit="人"
        empty={{ none: '没有待确认供养方式的特困人员。' }}
        columns={[
          { title: '姓名', dataIndex: 'payeeName', render: (v: string, r) => <Link to={`/assistance/entitlements/${r.id}`}>{v}</Link> },
          { title: '所在区划', dataIndex: 'divisionName' },
          { title: '享受起始', dataIndex: 'startMonth', render: (v: string) => monthLabel(v) },
          { title: '当前供养方式', key: 'mode', render: (_: unknown, r) => r.supportMode.modeName },
          {
            title: '操作',
            key: 'op',
            render: (_: unknown, r) => (
              <Button size="small" type="primary" onClick={() => void confirm(r)} data-testid={`support-confirm-${r.id}`}>
                确认{r.supportMode.modeName}
              </Button>
            ),
          },
        ]}
      />
    </div>
  );
}
