import { useState } from 'react';
import { Button, Card, Descriptions, Space, Spin, Result } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { api, ApiError } from '../../app/api';
import { useCan } from '../../app/auth';
import { disabilityTypes, hukouTypes, relations } from '../../../shared/registry-codes';
import { sexNames, type PersonDetail } from './types';
import { BenefitTable } from './BenefitTable';
import { UnmaskButton, type ClearValues } from './UnmaskButton';
import { AddBenefitButton } from './AddBenefitButton';

export function PersonDetailPage() {
  const { id } = useParams();
  const can = useCan();
  const navigate = useNavigate();
  const [clear, setClear] = useState<ClearValues | null>(null);
  const { data: p, error, refetch } = useQuery({ queryKey: ['person', id], queryFn: () => api.get<PersonDetail>(`/api/persons/${id}`) });
  if (error) return <Result status="404" title={(error as ApiError).message} extra={<Button onClick={() => navigate('/persons')}>返回人员查询</Button>} />;
  if (!p) return <Spin />;
  return (
    <div>
      <h2 className="page-title">{p.name}</h2>
      <Card title="基本信息" extra={can('registry.unmask') && !clear && (p.idNumberMasked || p.phoneMasked || p.hasHealthNotes) ? <UnmaskButton personId={p.id} onShown={setClear} /> : null}>
        <Descriptions column={3} size="small" bordered>
          <Descriptions.Item label="平台编号">{p.platformId}</Descriptions.Item>
          <Descriptions.Item label="性别">{p.sex ? sexNames[p.sex] : ''}</Descriptions.Item>
          <Descriptions.Item label="出生日期">{p.birthDate}</Descriptions.Item>
          <Descriptions.Item label="身份证号"><span data-testid="person-id-number">{clear?.idNumber ?? p.idNumberMasked ?? `无（${p.noIdReason ?? ''}）`}</span></Descriptions.Item>
          <Descriptions.Item label="联系电话">{clear?.phone ?? p.phoneMasked}</Descriptions.Item>
          <Descriptions.Item label="城乡类别">{hukouTypes[p.hukouType]}</Descriptions.Item>
          <Descriptions.Item label="户籍地" span={2}>{p.hukouDivisionName}</Descriptions.Item>
          <Descriptions.Item label="残疾">{p.disabilityType ? `${disabilityTypes[p.disabilityType as keyof typeof disabilityTypes]} ${p.disabilityGrade} 级` : '无'}</Descriptions.Item>
          <Descriptions.Item label="家庭" span={2}>
            {p.household ? <Link to={`/households/${p.household.id}`}>{p.household.householdNo}（户主 {p.household.headName}，本人为{relations[p.household.relation as keyof typeof relations] ?? ''}）</Link> : '未登记家庭'}
          </Descriptions.Item>
          <Descriptions.Item label="健康状况">{clear ? (clear.healthNotes ?? '无') : p.hasHealthNotes ? '已加密，查看原文可见' : '无'}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title="待遇记录" style={{ marginTop: 16 }} extra={can('benefit.write') ? <AddBenefitButton persons={[{ id: p.id, name: p.name }]} onSaved={() => void refetch()} /> : null}>
        <BenefitTable benefits={p.benefits} onChanged={() => void refetch()} />
      </Card>
      <Space style={{ marginTop: 16 }}>
        {can('registry.write') && <Button type="primary" onClick={() => navigate(`/persons/${p.id}/edit`)} data-testid="person-edit">修改</Button>}
        <Button onClick={() => navigate(-1)}>返回</Button>
      </Space>
    </div>
  );
}
