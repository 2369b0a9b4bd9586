import { Button, Card, Descriptions, Layout, Spin, Table, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { api } from '../../app/api';
import { relations } from '../../../shared/registry-codes';
import { BenefitTable } from '../registry/BenefitTable';
import { sexNames, type Benefit, type PersonDetail, type PersonRow } from '../registry/types';

interface Mine {
  person: PersonDetail;
  members: PersonRow[];
  benefits: Benefit[];
}

export function PortalHome() {
  const { data, isLoading } = useQuery({ queryKey: ['portal-me'], queryFn: () => api.get<Mine>('/api/portal/me') });
  const navigate = useNavigate();
  const client = useQueryClient();
  const logout = async () => {
    await api.post('/api/auth/logout');
    client.setQueryData(['me'], null);
    navigate('/portal/login');
  };
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ background: '#b4232a', display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
        <Typography.Text style={{ color: '#fff', fontSize: 18 }}>济民 · 居民服务</Typography.Text>
        <Button onClick={logout}>退出</Button>
      </Layout.Header>
      <Layout.Content style={{ padding: 24, maxWidth: 960, margin: '0 auto', width: '100%' }}>
        {isLoading || !data ? (
          <Spin />
        ) : (
          <>
            <Card title="我的信息">
              <Descriptions column={2} size="small">
                <Descriptions.Item label="姓名">{data.person.name}</Descriptions.Item>
                <Descriptions.Item label="身份证号">{data.person.idNumberMasked}</Descriptions.Item>
                <Descriptions.Item label="户籍地">{data.person.hukouDivisionName}</Descriptions.Item>
                <Descriptions.Item label="联系电话">{data.person.phoneMasked}</Descriptions.Item>
              </Descriptions>
            </Card>
            <Card title="家庭成员" style={{ marginTop: 16 }}>
              <Table<PersonRow>
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={data.members}
                locale={{ emptyText: '尚未登记家庭信息。如需登记，请到户籍所在地乡镇（街道）便民服务中心办理。' }}
                columns={[
                  { title: '姓名', dataIndex: 'name' },
                  { title: '与户主关系', dataIndex: 'relation', render: (v: string) => relations[v as keyof typeof relations] ?? '' },
                  { title: '性别', dataIndex: 'sex', render: (v: PersonRow['sex']) => (v ? sexNames[v] : '') },
                  { title: '出生日期', dataIndex: 'birthDate' },
                ]}
              />
            </Card>
            <Card title="享受的待遇" style={{ marginTop: 16 }}>
              <BenefitTable benefits={data.benefits} showPerson />
            </Card>
          </>
        )}
      </Layout.Content>
    </Layout>
  );
}
