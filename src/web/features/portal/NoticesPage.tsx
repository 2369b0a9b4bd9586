import { useEffect, useState, type ReactNode } from 'react';
import { Alert, Button, Card, Form, Input, Space, Spin, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router';
import { api, errorMessage } from '../../app/api';
import { useMe } from '../../app/auth';
import { yuan } from '../../../shared/money';
import { isBelowCounty, isVillage } from '../../../shared/divisions';
import { HukouPicker } from './HukouPicker';
import { PortalFrame, PortalLayout } from './PortalLayout';
import { Records, type RecordColumn } from './Records';
import type { PublicNotice } from '../../../shared/platform/notices';

/**
 * A running notice (src/shared/platform/notices.ts) with what social assistance's notices show:
 * the masked name, the category, the household size and the monthly amount.
 */
type Notice = PublicNotice & { name: string; category: string; householdSize: number; monthlyFen: number | null };

const columns: RecordColumn<Notice>[] = [
  { key: 'matter', title: '公示事项', render: (n) => <span data-testid="notice-matter">{n.matter}</span> },
  { key: 'name', title: '姓名', render: (n) => <span data-testid="notice-name">{n.name}</span> },
  { key: 'category', title: '救助类别', render: (n) => n.category },
  { key: 'size', title: '家庭人数', align: 'right', render: (n) => `${n.householdSize} 人` },
  { key: 'amount', title: '月救助金额（元）', align: 'right', render: (n) => (n.monthlyFen === null ? '' : yuan(n.monthlyFen)) },
  { key: 'division', title: '所在村（社区）', render: (n) => n.divisionName?.replace(/^(山东省)?\s*济宁市\s*/, '') },
  { key: 'ends', title: '公示截止', render: (n) => n.noticeEnds },
];

/**
 * 社会救助公示 (public, no login): the cases in their 7-day notice period in a township or village,
 * with the name masked, household size and amount only. The address carries the code
 * (/notices?divisionCode=370811002001), so a village can post it as a QR code on its notice board.
 * On a phone each entry is a card (a table would hide its right-hand columns).
 */
export function NoticesPage() {
  const [params, setParams] = useSearchParams();
  const code = params.get('divisionCode') ?? '';
  const { data: me } = useMe();
  const navigate = useNavigate();
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

  const content = (
    <>
      <Card size="small" title="选择乡镇（街道）或村（社区）">
        <Space orientation="vertical" style={{ width: '100%' }}>
          <HukouPicker
            allowTownship
            testId="notices-division"
            value={valid ? code : undefined}
            onChange={(c) => show(c && isBelowCounty(c) ? c : undefined)}
          />
          <Form layout="inline" onFinish={() => typedOk && show(typed.trim())} style={{ rowGap: 8 }}>
            <Form.Item
              label="区划代码"
              validateStatus={typed && !typedOk ? 'error' : undefined}
              help={typed && !typedOk ? '请输入 9 位乡镇（街道）代码或 12 位村（社区）代码' : undefined}
            >
              <Input
                value={typed}
                onChange={(e) => setTyped(e.target.value.replace(/\D/g, ''))}
                maxLength={12}
                inputMode="numeric"
                placeholder="如 370811002001"
                style={{ width: 200 }}
                data-testid="notices-code"
              />
            </Form.Item>
            <Button type="primary" htmlType="submit" disabled={!typedOk} data-testid="notices-search">
              查看公示
            </Button>
          </Form>
          <Typography.Text type="secondary">可按名称逐级选择，也可输入村（居）委会公示栏二维码或告示上的区划代码。</Typography.Text>
        </Space>
      </Card>
      <Card
        size="small"
        title={data?.[0]?.divisionName && isVillage(code) ? `${data[0].divisionName} 正在公示` : '正在公示的救助对象'}
        className="section-gap"
        data-testid="notices-table"
      >
        {error ? (
          <Alert type="error" showIcon title={errorMessage(error, '查询失败，请稍后重试')} />
        ) : isFetching ? (
          <Spin style={{ display: 'block', margin: 24 }} />
        ) : (
          <Records
            rows={valid ? (data ?? []) : []}
            rowKey={(n) => `${n.name}|${n.divisionName}|${n.matter}|${n.noticeEnds}`}
            columns={columns}
            testId="notice-row"
            empty={valid ? '该地区目前没有正在公示的社会救助事项。' : '请先选择或输入乡镇（街道）、村（社区）。'}
          />
        )}
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          公示期为 7
          天。对公示对象有异议的，请在公示期内向所在乡镇（街道）人民政府（街道办事处）反映，我们将为您保密。公示只显示必要信息，不公开身份证号、联系方式和家庭困难原因。
        </Typography.Paragraph>
      </Card>
    </>
  );
  if (me?.kind === 'resident') return <PortalLayout>{content}</PortalLayout>;
  const bar: ReactNode = me ? null : (
    <div className="portal-bar">
      <div className="portal-bar-inner">
        <span>社会救助公示查询</span>
        <Button onClick={() => navigate('/portal/login')} data-testid="notices-login">
          居民登录
        </Button>
      </div>
    </div>
  );
  return (
    <PortalFrame title="社会救助公示" bar={bar}>
      {content}
    </PortalFrame>
  );
}
