import { Alert, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api, dateTime, errorMessage, type Page } from '../../app/api';
import { ListTable, PageHeader, useUrlList } from '../../app/list';
import type { OutboxMessage } from '../../../shared/admin/outbox';

/** 通知发件箱: what the notifier sent (development and tests: codes are read here instead of on a phone). */
export function OutboxPage() {
  const list = useUrlList();
  const { data, isFetching, error } = useQuery({
    queryKey: ['outbox', list.query],
    queryFn: () => api.get<Page<OutboxMessage>>(`/api/outbox${list.query}`),
    refetchInterval: 5000,
  });
  return (
    <div>
      <PageHeader
        title="通知发件箱"
        sub="开发和测试环境中，短信验证码不真正发出，而保存在这里（每 5 秒刷新）。接入短信网关后，这里是发送记录。"
      />
      {error && <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 12 }} />}
      <ListTable<OutboxMessage>
        list={list}
        page={data}
        loading={isFetching && !data}
        unit="条"
        rowId="outbox-row"
        // The message wraps in its column rather than widening the table.
        scroll={undefined}
        empty={{ none: '还没有发出的通知。居民注册时发送的验证码会出现在这里。' }}
        columns={[
          { title: '时间', dataIndex: 'createdAt', width: 170, render: dateTime },
          { title: '渠道', dataIndex: 'channel', width: 70, render: (v: string) => <Tag>{v === 'sms' ? '短信' : v}</Tag> },
          { title: '接收人', dataIndex: 'recipientMasked', width: 130 },
          { title: '内容', dataIndex: 'body', render: (v: string) => <span data-testid="outbox-body">{v}</span> },
        ]}
      />
    </div>
  );
}
