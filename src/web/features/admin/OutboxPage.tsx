import { useState } from 'react';
import { Empty, Table } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api, qs, type Page } from '../../app/api';

interface Message {
  id: number;
  channel: string;
  recipientMasked: string;
  body: string;
  createdAt: string;
}

export function OutboxPage() {
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const { data, isFetching } = useQuery({ queryKey: ['outbox', page], queryFn: () => api.get<Page<Message>>(`/api/outbox${qs(page)}`), refetchInterval: 5000 });
  return (
    <div>
      <h2 className="page-title">通知发件箱</h2>
      <p style={{ color: '#888' }}>开发和测试环境中，短信验证码不真正发出，而是保存在这里。生产环境配置短信网关后，这里是发送记录。</p>
      <Table<Message>
        rowKey="id"
        size="small"
        loading={isFetching}
        dataSource={data?.items}
        locale={{ emptyText: <Empty description="还没有发出的通知" /> }}
        pagination={{ current: page.page, pageSize: page.pageSize, total: data?.total, onChange: (p, s) => setPage({ page: p, pageSize: s }) }}
        columns={[
          { title: '时间', dataIndex: 'createdAt', width: 180, render: (v: string) => new Date(v).toLocaleString('zh-CN') },
          { title: '渠道', dataIndex: 'channel', width: 80, render: (v: string) => (v === 'sms' ? '短信' : v) },
          { title: '接收人', dataIndex: 'recipientMasked', width: 140 },
          { title: '内容', dataIndex: 'body' },
        ]}
      />
    </div>
  );
}
