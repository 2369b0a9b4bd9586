import { useEffect, useState } from 'react';
import { Alert, Button, Card, Empty, Form, Input, Layout, Space, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { api, errorMessage } from '../../app/api';
import { useMe } from '../../app/auth';
import { brand } from '../../app/theme';
import { DivisionPicker } from '../../components/DivisionPicker';
import { yuan } from '../../../shared/money';

interface Notice {
  /** 拟批准救助 or 拟终止供养. */
  matter: string;
  name: string;
  category: string;
  householdSize: number;
  monthlyFen: number | null;
  noticeEnds: string;
  divisionName: string | null;
}

/**
 * 社会救助公示 (public, no login): the cases in their 7-day notice period in a township or village,
 * with the name masked, household size and amount only. The address carries the code
 * (/notices?divisionCode=370811002001), so a village can post it as a QR code on its notice board.
 */
export function NoticesPage() {
  const [params, setParams] = useSearchParams();
  const code = params.get('divisionCode') ?? '';
  const { data: me } = useMe();
  const [typed, setTyped] = useState(code);
  useEffect(() => setTyped(code), [code]);
  const valid = /^\d{9}(\d{3})?$/.test(code);
  const { data, isFetching, error } = useQuery({
    queryKey: ['public-notices', code],
    queryFn: () => api.get<Notice[]>(`/api/public/notices?divisionCode=${code}`),
    enabled: valid,
  });
  const show = (c: string | undefined) => setParams(c ? new URLSearchParams({ divisionCode: c }) : new URLSearchParams());
  const typedOk = /^\d{9}(\d{3})?$/.test(typed.trim());

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
        <Space>
          <span className="app-emblem" style={{ background: brand.red }}>民</span>
          <Typography.Text style={{ color: '#fff', fontSize: 17 }}>济民 · 社会救助公示</Typography.Text>
        </Space>
        {!me && <Link to="/portal/login" style={{ color: '#fff' }}>居民登录</Link>}
      </Layout.Header>
      <Layout.Content style={{ padding: 16, maxWidth: 1000, margin: '0 auto', width: '100%' }}>
        <Card size="small" title="选择乡镇（街道）或村（社区）">
          <Space orientation="vertical" style={{ width: '100%' }}>
            <DivisionPicker anyLevel value={valid ? code : undefined} onChange={(c) => show(c && c.length >= 9 ? c : undefined)} placeholder="选择到乡镇（街道）或村（社区）" />
            <Form layout="inline" onFinish={() => typedOk && show(typed.trim())}>
              <Form.Item label="区划代码" validateStatus={typed && !typedOk ? 'error' : undefined} help={typed && !typedOk ? '请输入 9 位乡镇（街道）代码或 12 位村（社区）代码' : undefined}>
                <Input value={typed} onChange={(e) => setTyped(e.target.value.replace(/\D/g, ''))} maxLength={12} inputMode="numeric" placeholder="如 370811002001" style={{ width: 200 }} data-testid="notices-code" />
              </Form.Item>
              <Button type="primary" htmlType="submit" disabled={!typedOk} data-testid="notices-search">查看公示</Button>
            </Form>
            <Typography.Text type="secondary">可按名称逐级选择，也可输入村（居）委会公示栏二维码或告示上的区划代码。</Typography.Text>
          </Space>
        </Card>
        <Card size="small" title={data?.[0]?.divisionName && code.length === 12 ? `${data[0].divisionName} 正在公示` : '正在公示的救助对象'} className="section-gap">
          {error ? (
            <Alert type="error" showIcon title={errorMessage(error, '查询失败，请稍后重试')} />
          ) : (
            <Table<Notice>
              rowKey={(r, i) => `${r.name}|${r.divisionName}|${i}`}
              size="small"
              loading={isFetching}
              dataSource={valid ? data : []}
              pagination={{ pageSize: 50, hideOnSinglePage: true }}
              data-testid="notices-table"
              locale={{ emptyText: <Empty description={valid ? '该地区目前没有正在公示的社会救助事项。' : '请先选择或输入乡镇（街道）、村（社区）。'} /> }}
              columns={[
                { title: '公示事项', dataIndex: 'matter', render: (v: string) => <span data-testid="notice-matter">{v}</span> },
                { title: '姓名', dataIndex: 'name', render: (v: string) => <span data-testid="notice-name">{v}</span> },
                { title: '救助类别', dataIndex: 'category' },
                { title: '家庭人数', dataIndex: 'householdSize', align: 'right', render: (v: number) => `${v} 人` },
                { title: '月救助金额（元）', dataIndex: 'monthlyFen', align: 'right', render: (v: number | null) => (v === null ? '' : yuan(v)) },
                { title: '所在村（社区）', dataIndex: 'divisionName', render: (v: string | null) => v?.replace(/^(山东省)?\s*济宁市\s*/, '') },
                { title: '公示截止', dataIndex: 'noticeEnds' },
              ]}
            />
          )}
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, fontSize: 12 }}>
            公示期为 7 天。对公示对象有异议的，请在公示期内向所在乡镇（街道）人民政府（街道办事处）反映，我们将为您保密。公示只显示必要信息，不公开身份证号、联系方式和家庭困难原因。
          </Typography.Paragraph>
        </Card>
      </Layout.Content>
    </Layout>
  );
}
