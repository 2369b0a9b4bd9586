import { useState } from 'react';
import { Button, Card, Descriptions, Space, Spin, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { api, errorMessage } from '../../app/api';
import { useCan } from '../../app/auth';
import { PageHeader } from '../../app/list';
import { NotFoundResult } from '../../app/Results';
import { DivisionName } from '../../components/DivisionPicker';
import { FieldValue } from '../../components/FieldValue';
import { disabilityTypes, hukouTypes, relations, sexes } from '../../../shared/registry-codes';
import type { ClearValues, PersonDetail } from '../../../shared/registry/persons';
import { BenefitTable } from './BenefitTable';
import { UnmaskButton } from './UnmaskButton';
import { AddBenefitButton } from './AddBenefitButton';
import { ConfirmHukouButton, HukouUnverifiedTag } from './ConfirmHukouButton';
import { PersonLifeCard } from './PersonLifeCard';

/** 人员详情: masked by default; 查看原文 (registry.unmask) asks for a reason and is audited. */
export function PersonDetailPage() {
  const { id } = useParams();
  const can = useCan();
  const navigate = useNavigate();
  const [clear, setClear] = useState<ClearValues | null>(null);
  const { data: p, error, refetch } = useQuery({ queryKey: ['person', id], queryFn: () => api.get<PersonDetail>(`/api/persons/${id}`) });
  if (error) return <NotFoundResult title={errorMessage(error)} back="/persons" backLabel="返回人员查询" />;
  if (!p) return <Spin style={{ display: 'block', margin: 60 }} />;
  const sensitive = Boolean(p.idNumberMasked || p.phoneMasked || p.hasHealthNotes);
  const rel = p.household?.relation ? relations[p.household.relation as keyof typeof relations] : null;

  return (
    <div>
      <PageHeader
        title={p.name}
        sub={`平台编号 ${p.platformId}${p.diedOn ? ` 已故（${p.diedOn}）` : ''}${p.movedOutOn ? ` 户口已迁出本市（${p.movedOutOn}）` : ''}`}
        extra={
          <>
            {can('registry.write') && (
              <Button type="primary" onClick={() => navigate(`/persons/${p.id}/edit`)} data-testid="person-edit">
                修改
              </Button>
            )}
            <Button onClick={() => navigate(-1)}>返回</Button>
          </>
        }
      />
      <Card
        size="small"
        title={
          <Space>
            基本信息
            {clear && (
              <Tag color="orange" data-testid="unmasked-tag">
                正在显示原文（已记入审计）
              </Tag>
            )}
          </Space>
        }
        extra={
          clear ? (
            <Button size="small" onClick={() => setClear(null)} data-testid="mask-again">
              隐藏原文
            </Button>
          ) : can('registry.unmask') && sensitive ? (
            <UnmaskButton personId={p.id} onShown={setClear} />
          ) : null
        }
      >
        <Descriptions
          column={{ xs: 1, md: 2, xl: 3 }}
          size="small"
          bordered
          items={[
            { key: 'sex', label: '性别', children: p.sex ? sexes[p.sex] : '' },
            { key: 'birth', label: '出生日期', children: p.birthDate },
            {
              key: 'id',
              label: '身份证号',
              children: (
                <span data-testid="person-id-number">
                  <FieldValue value={clear?.idNumber ?? p.idNumberMasked} empty={`无（${p.noIdReason ?? ''}）`} />
                </span>
              ),
            },
            {
              key: 'phone',
              label: '联系电话',
              children: (
                <span data-testid="person-phone">
                  <FieldValue value={clear ? clear.phone : p.phoneMasked} empty="无" />
                </span>
              ),
            },
            { key: 'type', label: '城乡类别', children: hukouTypes[p.hukouType] },
            {
              key: 'disability',
              label: '残疾',
              children: p.disabilityType
                ? `${disabilityTypes[p.disabilityType as keyof typeof disabilityTypes] ?? p.disabilityType}残疾 ${p.disabilityGrade ?? ''} 级`
                : '无',
            },
            {
              key: 'hukou',
              label: '户籍地',
              span: { xs: 1, md: 2, xl: 2 },
              children: (
                <span data-testid="person-hukou">
                  {p.hukouDivisionName} <HukouUnverifiedTag p={p} />{' '}
                  {can('registry.write') && <ConfirmHukouButton p={p} onConfirmed={() => void refetch()} />}
                </span>
              ),
            },
            {
              key: 'residence',
              label: '现居住地',
              children: p.residenceDivisionCode ? <DivisionName code={p.residenceDivisionCode} /> : '同户籍地',
            },
            {
              key: 'household',
              label: '家庭',
              span: { xs: 1, md: 2, xl: 2 },
              children: p.household ? (
                <Link to={`/households/${p.household.id}`} data-testid="person-household-link">
                  {p.household.householdNo}（户主 {p.household.headName ?? '未指定'}
                  {rel ? `，本人为${rel}` : ''}）
                </Link>
              ) : (
                <span className="hint">未登记家庭。可在“家庭档案”中登记家庭或将其添加为某户成员。</span>
              ),
            },
            {
              key: 'health',
              label: '健康状况',
              children: (
                <span data-testid="person-health">
                  {clear ? (clear.healthNotes ?? '无') : p.hasHealthNotes ? '已加密，查看原文可见' : '无'}
                </span>
              ),
            },
          ]}
        />
      </Card>
      <Card
        size="small"
        title="待遇记录"
        className="section-gap"
        extra={can('benefit.write') ? <AddBenefitButton persons={[{ id: p.id, name: p.name }]} onSaved={() => void refetch()} /> : null}
      >
        <BenefitTable benefits={p.benefits} onChanged={() => void refetch()} />
      </Card>
      <PersonLifeCard p={p} onChanged={() => void refetch()} />
    </div>
  );
}
