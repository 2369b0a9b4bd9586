import type { HTMLAttributes } from 'react';
import { Alert, Card, Descriptions, Space, Table, Tag } from 'antd';
import { DivisionName } from '../../../components/DivisionPicker';
import { hukouTypes, relationName, sexes } from '../../../../shared/registry-codes';
import { incomeKinds } from '../../../../shared/assistance-codes';
import { Money } from '../../../components/Money';
import type { CaseDetail } from '../../../../shared/assistance/cases';

/**
 * The household a resident gave with an online application because the registry has none for them:
 * shown to the clerk to check against the 户口簿 and ID cards before 受理, which registers it (a member
 * whose ID number the registry already has is linked, not registered twice). Nothing once registered.
 */
export function ProposedHousehold({ c }: { c: CaseDetail }) {
  const app = c.application;
  const p = app.proposedHousehold;
  if (!p || c.householdId !== null) return null;
  const rows = p.members.map((m, i) => ({ ...m, key: i, declared: app.pendingMembers?.[i] }));
  return (
    <Card size="small" title="申请人填写的家庭信息（待核实）" className="section-gap" data-testid="case-proposed-household">
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 12 }}
        title="申请人的家庭尚未在人口与家庭库中登记"
        description="请对照户口簿、身份证核实以下信息，无误后点击「受理」：系统将登记该家庭及成员，身份证号已在人口库中的成员直接关联，不重复登记。信息有误或缺材料的，请「一次性告知补正材料」或「不予受理」。"
      />
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, md: 3 }}
        items={[
          { key: 'division', label: '所在村（社区）', children: <DivisionName code={p.divisionCode} /> },
          { key: 'address', label: '家庭住址', children: <span data-testid="proposed-address">{p.address}</span> },
          { key: 'type', label: '户口类型', children: hukouTypes[p.hukouType] },
        ]}
      />
      <Table
        rowKey="key"
        size="small"
        pagination={false}
        dataSource={rows}
        style={{ marginTop: 8 }}
        scroll={{ x: 'max-content' }}
        onRow={() => ({ 'data-testid': 'proposed-member' }) as HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: '姓名',
            dataIndex: 'name',
            render: (v: string, r) => (
              <Space size={4}>
                {v}
                {r.self && <Tag color="blue">申请人本人</Tag>}
              </Space>
            ),
          },
          { title: '与户主关系', dataIndex: 'relation', render: relationName },
          { title: '身份证号', dataIndex: 'idNumberMasked' },
          { title: '性别', dataIndex: 'sex', render: (v: 'male' | 'female' | null) => (v ? sexes[v] : '') },
          { title: '出生日期', dataIndex: 'birthDate' },
          {
            title: '纳入保障',
            key: 'covered',
            render: (_: unknown, r) => (r.declared?.covered ? <Tag color="blue">是</Tag> : <span className="hint">否</span>),
          },
          {
            title: '申报月收入',
            key: 'incomes',
            render: (_: unknown, r) =>
              r.declared?.incomes.length ? (
                <Space orientation="vertical" size={0}>
                  {r.declared.incomes.map((i, k) => (
                    <span key={k}>
                      {incomeKinds[i.kind]} <Money fen={i.monthlyFen} />
                    </span>
                  ))}
                </Space>
              ) : (
                <span className="hint">无</span>
              ),
          },
        ]}
      />
    </Card>
  );
}
