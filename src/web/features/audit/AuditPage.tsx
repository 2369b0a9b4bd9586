import { useState } from 'react';
import { Alert, App, Button, DatePicker, Empty, Form, Input, Space, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useQuery } from '@tanstack/react-query';
import { api, ApiError, download, qs, type Page } from '../../app/api';

interface Entry {
  id: number;
  at: string;
  userId: number | null;
  username: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  outcome: 'ok' | 'denied' | 'failed';
  ip: string | null;
  details: Record<string, unknown>;
}
interface Report {
  ok: boolean;
  checked: number;
  firstBrokenId: number | null;
  reason: string | null;
  unsealed: number;
}

const actionNames: Record<string, string> = {
  'auth.login': '登录', 'auth.logout': '退出', 'auth.lock': '账号锁定', 'auth.session_expired': '会话超时', 'auth.password_change': '修改密码',
  'auth.totp_enable': '启用动态口令', 'person.create': '登记人员', 'person.update': '修改人员', 'person.open': '查看人员档案', 'person.unmask': '查看敏感信息原文',
  'person.search': '查询人员', 'person.export': '导出人员', 'person.import_create': '导入新增人员', 'person.import_update': '导入更新人员',
  'household.create': '登记家庭', 'household.open': '查看家庭档案', 'household.search': '查询家庭', 'household.export': '导出家庭',
  'household.add_member': '添加家庭成员', 'household.remove_member': '移出家庭成员', 'benefit.create': '登记待遇', 'benefit.end': '终止待遇',
  'user.create': '新建用户', 'user.update': '修改用户', 'user.roles_change': '变更角色', 'user.password_reset': '重置密码', 'user.search': '查询用户',
  'role.update': '修改角色', 'organisation.create': '新建组织', 'organisation.update': '修改组织', 'audit.search': '查询审计日志', 'audit.export': '导出审计日志', 'user.export': '导出用户', 'audit.verify': '校验哈希链',
  'portal.signup_start': '居民注册申请', 'portal.signup': '居民注册', 'outbox.read': '查看发件箱',
};
const outcomes = { ok: <Tag color="green">成功</Tag>, denied: <Tag color="orange">拒绝</Tag>, failed: <Tag color="red">失败</Tag> };

export function AuditPage() {
  const [filter, setFilter] = useState<Record<string, string | undefined>>({});
  const [page, setPage] = useState({ page: 1, pageSize: 50 });
  const [report, setReport] = useState<Report | null>(null);
  const { message } = App.useApp();
  const { data, isFetching } = useQuery({ queryKey: ['audit', filter, page], queryFn: () => api.get<Page<Entry>>(`/api/audit${qs({ ...filter, ...page })}`) });
  const search = (v: { action?: string; username?: string; objectType?: string; range?: [Dayjs, Dayjs] }) => {
    setFilter({ action: v.action, username: v.username, objectType: v.objectType, from: v.range?.[0]?.format('YYYY-MM-DD'), to: v.range?.[1]?.format('YYYY-MM-DD') });
    setPage((p) => ({ ...p, page: 1 }));
  };
  return (
    <div>
      <h2 className="page-title">审计日志</h2>
      <Form layout="inline" onFinish={search} style={{ marginBottom: 16, rowGap: 8 }}>
        <Form.Item name="action" label="操作"><Input placeholder="如 person.unmask" allowClear data-testid="audit-action" /></Form.Item>
        <Form.Item name="username" label="用户名"><Input allowClear /></Form.Item>
        <Form.Item name="objectType" label="对象类型"><Input placeholder="person / household / user" allowClear /></Form.Item>
        <Form.Item name="range" label="日期"><DatePicker.RangePicker /></Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" data-testid="audit-search">查询</Button>
          <Button onClick={() => download(`/api/audit/export${qs(filter)}`, '审计日志.xlsx').catch((e) => message.error(e instanceof ApiError ? e.message : '导出失败'))}>导出 Excel</Button>
          <Button onClick={async () => setReport(await api.get<Report>('/api/audit/verify'))}>校验哈希链</Button>
        </Space>
      </Form>
      {report && (
        <Alert
          style={{ marginBottom: 16 }}
          type={report.ok ? 'success' : 'error'}
          showIcon
          message={report.ok ? `哈希链完好：已校验 ${report.checked} 条，${report.unsealed} 条待封存（数秒内完成）` : `哈希链断裂：审计记录 #${report.firstBrokenId}，${report.reason}`}
        />
      )}
      <Table<Entry>
        rowKey="id"
        size="small"
        loading={isFetching}
        dataSource={data?.items}
        locale={{ emptyText: <Empty description="没有符合条件的审计记录" /> }}
        pagination={{ current: page.page, pageSize: page.pageSize, total: data?.total, showTotal: (t) => `共 ${t} 条`, onChange: (p, s) => setPage({ page: p, pageSize: s }) }}
        columns={[
          { title: '时间', dataIndex: 'at', width: 190, render: (v: string) => v.replace('T', ' ').slice(0, 19) },
          { title: '用户', dataIndex: 'username', width: 140 },
          { title: '操作', dataIndex: 'action', render: (v: string) => <span data-testid="audit-row-action">{actionNames[v] ?? v}</span> },
          { title: '对象', key: 'object', render: (_, e) => (e.objectType ? `${e.objectType} ${e.objectId ?? ''}` : '') },
          { title: '结果', dataIndex: 'outcome', width: 70, render: (v: Entry['outcome']) => outcomes[v] },
          { title: '地址', dataIndex: 'ip', width: 120 },
          { title: '详情', dataIndex: 'details', render: (v: Record<string, unknown>) => <span data-testid="audit-row-details" style={{ fontSize: 12 }}>{Object.keys(v).length ? JSON.stringify(v) : ''}</span> },
        ]}
      />
    </div>
  );
}
