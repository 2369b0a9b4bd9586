import { useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Row,
  Space,
  Spin,
  Statistic,
  Table,
  Tag,
  Timeline,
  Tooltip,
  Typography,
} from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { api, dateTime, errorMessage } from '../../../app/api';
import { PageHeader } from '../../../app/list';
import { NotFoundResult } from '../../../app/Results';
import { hukouTypes, relationName } from '../../../../shared/registry-codes';
import { entitlementStatuses, incomeKinds, printables, temporaryTypes, type Printable } from '../../../../shared/assistance-codes';
import { selfCareItems, selfCareLevel, selfCareLevels } from '../../../../shared/assistance-rules';
import { monthLabel } from '../../../../shared/dates';
import { yuan } from '../../../../shared/money';
import { ActionModal, actionStyle } from './ActionModal';
import { CaseDocuments } from './CaseDocuments';
import { CheckPanel } from '../checks/CheckPanel';
import { ProposedHousehold } from './ProposedHousehold';
import { shortDivision } from './caseColumns';
import { StatusTag } from './StatusTag';
import { Money } from '../../../components/Money';
import { CaseDue, DaysLeft, UrgentDue } from './deadlines';
import type { AllowedAction, CaseDetail, HistoryEntry } from '../../../../shared/assistance/cases';

/**
 * 案件: the header with status and deadlines, one button per action the server allows now, the
 * application (members with masked ID numbers, incomes, assets), the computed benefit with its
 * explanation, the history, documents and printable forms.
 */
export function CasePage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [acting, setActing] = useState<AllowedAction | null>(null);
  const {
    data: c,
    error,
    refetch,
  } = useQuery({ queryKey: ['assistance-case', id], queryFn: () => api.get<CaseDetail>(`/api/assistance/cases/${id}`) });
  if (error) return <NotFoundResult title={errorMessage(error)} back="/assistance/cases" backLabel="返回救助案件" />;
  if (!c) return <Spin style={{ display: 'block', margin: 60 }} />;
  const reload = () => {
    void refetch();
    void client.invalidateQueries({ queryKey: ['assistance-worklist'] });
    void client.invalidateQueries({ queryKey: ['assistance-cases'] });
    void client.invalidateQueries({ queryKey: ['assistance-case-check', String(c.id)] });
  };
  const prints = printableNow(c);

  return (
    <div>
      <PageHeader
        title={
          <>
            救助案件 <span data-testid="case-no">{c.caseNo}</span>
          </>
        }
        sub={`${c.categoryName}${c.temporaryType ? `（${temporaryTypes[c.temporaryType]}）` : ''} · 申请人 ${c.applicantName} · ${shortDivision(c.divisionName) ?? c.divisionCode}`}
        extra={
          <>
            {prints.map((p) => (
              <Button key={p} href={`/api/assistance/cases/${c.id}/print/${p}`} target="_blank" rel="noopener" data-testid={`print-${p}`}>
                打印{printables[p]}
              </Button>
            ))}
            <Button onClick={() => navigate(-1)}>返回</Button>
          </>
        }
      />

      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, md: 2, xl: 4 }}
        items={[
          {
            key: 'status',
            label: '状态',
            children: (
              <Space>
                <StatusTag status={c.status} name={c.statusName} />
                {c.spotCheck === 'required' && <Tag color="orange">待县级抽查</Tag>}
                {c.staffRelative && <Tag color="volcano">工作人员近亲属</Tag>}
                <UrgentDue at={c.urgentDueAt} />
              </Space>
            ),
          },
          {
            key: 'due',
            label: '本环节期限',
            children: c.dueDate ? (
              <Space>
                {c.dueDate}
                <DaysLeft days={c.daysLeft} provisional={c.dueProvisional} />
              </Space>
            ) : (
              <span className="hint">—</span>
            ),
          },
          { key: 'caseDue', label: '办结期限', children: <CaseDue date={c.caseDueDate} provisional={c.caseDueProvisional} /> },
          { key: 'accepted', label: '受理日期', children: c.acceptedOn ?? <span className="hint">未受理</span> },
        ]}
      />
      {c.deadline && c.dueDate && (
        <div className="hint" style={{ marginTop: 4 }}>
          期限依据：{c.deadline.source}
        </div>
      )}
      {c.status === 'notice' && c.noticeEnds && (
        <Alert
          type="info"
          showIcon
          style={{ marginTop: 12 }}
          data-testid="notice-alert"
          title={`正在所在村（社区）公示，公示期至 ${c.noticeEnds}。期满无异议自动转入审批；有异议的请点击“登记公示异议”。`}
          description="公示只显示姓名（隐去部分）、家庭人数和救助金额，不公开身份证号和申请理由。"
        />
      )}

      <Card size="small" title="办理" className="section-gap" data-testid="case-actions">
        {c.allowedActions.length ? (
          <Space wrap>
            {c.allowedActions.map((a) => (
              <Tooltip key={a.code} title={a.blockedReason}>
                <Button
                  type={actionStyle(a.code) === 'primary' ? 'primary' : 'default'}
                  danger={actionStyle(a.code) === 'danger'}
                  disabled={Boolean(a.blockedReason)}
                  onClick={() => setActing(a)}
                  data-testid={`action-${a.code}`}
                >
                  {a.label}
                </Button>
              </Tooltip>
            ))}
          </Space>
        ) : null}
        {c.allowedActions.some((a) => a.blockedReason) && (
          <Alert
            type="warning"
            showIcon
            style={{ marginTop: 12 }}
            data-testid="blocked-actions"
            title="以下操作暂不能办理"
            description={c.allowedActions
              .filter((a) => a.blockedReason)
              .map((a) => (
                <div key={a.code}>
                  {a.label}：{a.blockedReason}
                </div>
              ))}
          />
        )}
        {c.allowedActions.length ? null : (
          <Typography.Text type="secondary">
            {c.dueDate ? '当前环节不需要您办理，等待其他环节或上级处理。' : '案件已办结。'}
          </Typography.Text>
        )}
      </Card>

      <ProposedHousehold c={c} />

      <Row gutter={16}>
        <Col xs={24} xl={15}>
          <CheckPanel caseId={c.id} caseStatus={c.status} version={c.version} onChanged={reload} />
          <Computation c={c} />
          <ApplicationSummary c={c} />
        </Col>
        <Col xs={24} xl={9}>
          <Card size="small" title="办理记录" className="section-gap" data-testid="case-history">
            <Timeline items={c.history.map((h) => ({ key: h.id, color: colorOf(h), content: <HistoryItem h={h} /> }))} />
          </Card>
          <CaseDocuments caseId={c.id} />
        </Col>
      </Row>

      {acting && (
        <ActionModal
          caseId={c.id}
          version={c.version}
          action={acting}
          category={c.category}
          onClose={() => setActing(null)}
          onDone={reload}
        />
      )}
    </div>
  );
}

/** Print only what exists: the visit record after a visit, the notices after the decision. */
function printableNow(c: CaseDetail): Printable[] {
  const out: Printable[] = ['application'];
  if (c.history.some((h) => h.action === 'record_visit')) out.push('visit');
  if (c.status === 'refused') out.push('refusal');
  if (c.status === 'approved' && c.entitlement) out.push('approval');
  return out;
}

function Computation({ c }: { c: CaseDetail }) {
  const comp = c.computation;
  const e = c.entitlement;
  return (
    <Card size="small" title="救助金额核算" className="section-gap" data-testid="case-computation">
      {!comp ? (
        <Typography.Text type="secondary">
          {c.category === 'temporary'
            ? `申请金额 ${c.application.requestedAmountFen ? yuan(c.application.requestedAmountFen) : '—'} 元。`
            : ''}
          乡镇审核同意时，系统按下月适用的救助标准和家庭收入自动核算救助金额。
        </Typography.Text>
      ) : (
        <>
          <Row gutter={16} align="middle">
            <Col xs={24} md={8}>
              <Statistic
                title={c.category === 'temporary' ? '救助金额' : c.category === 'borderline' ? '认定结果' : '月救助金额'}
                value={c.category === 'borderline' ? (comp.eligible ? '符合' : '不符合') : yuan(comp.monthlyFen)}
                suffix={c.category === 'borderline' ? undefined : '元'}
              />
            </Col>
            <Col xs={24} md={16}>
              <div
                style={{ background: '#f3f7fc', border: '1px solid #d6e4f5', borderRadius: 3, padding: '8px 12px', fontSize: 16 }}
                data-testid="case-breakdown"
              >
                {comp.breakdown}
              </div>
            </Col>
          </Row>
          {comp.lines.length > 0 && (
            <ul style={{ margin: '10px 0 0', paddingInlineStart: 20, color: '#555' }} data-testid="case-computation-lines">
              {comp.lines.map((l, i) => (
                <li key={i}>{l}</li>
              ))}
            </ul>
          )}
          {comp.failures.length > 0 && (
            <Alert
              type="error"
              showIcon
              style={{ marginTop: 10 }}
              title="不符合条件"
              description={
                <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                  {comp.failures.map((f, i) => (
                    <li key={i}>{f}</li>
                  ))}
                </ul>
              }
            />
          )}
        </>
      )}
      {e && (
        <Descriptions
          style={{ marginTop: 12 }}
          size="small"
          bordered
          column={{ xs: 1, md: 3 }}
          data-testid="case-entitlement"
          items={[
            { key: 'amount', label: '享受待遇', children: <Money fen={e.monthlyFen} strong /> },
            {
              key: 'start',
              label: '发放起始',
              children: `${monthLabel(e.startMonth)}${e.endMonth ? ` 至 ${monthLabel(e.endMonth)}` : ' 起按月发放'}`,
            },
            {
              key: 'status',
              label: '待遇状态',
              children: (
                <>
                  {entitlementStatuses[e.status]}{' '}
                  <Link to={`/assistance/entitlements/${e.id}`} data-testid="case-entitlement-link">
                    查看救助对象
                  </Link>
                </>
              ),
            },
            ...(e.breakdown !== comp?.breakdown ? [{ key: 'b', label: '现行核算', span: 3, children: e.breakdown }] : []),
          ]}
        />
      )}
    </Card>
  );
}

function ApplicationSummary({ c }: { c: CaseDetail }) {
  const app = c.application;
  const byPerson = new Map(app.members.map((m) => [m.personId, m]));
  const rows = c.members.map((m) => ({ ...m, app: byPerson.get(m.personId) })).filter((m) => m.app);
  const flags = [
    app.singleCoverage && '单人保',
    app.irregularIncome && '收入不固定',
    app.temporaryType && temporaryTypes[app.temporaryType],
    app.mostUrgent && '最紧急',
  ].filter(Boolean) as string[];
  const unable = app.selfCareUnable ?? [];
  const unableNames = unable.map((s) => selfCareItems[s]).join('、');
  const selfCare = `${selfCareLevels[selfCareLevel(unable)]}${unable.length ? `（不能独立${unableNames}）` : ''}`;
  return (
    <Card size="small" title="申请信息" className="section-gap" data-testid="case-application">
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'applicant', label: '申请人', children: c.applicantName },
          { key: 'channel', label: '申请渠道', children: c.channel === 'online' ? '网上申请' : '窗口受理' },
          { key: 'date', label: '申请时间', children: dateTime(c.createdAt) },
          { key: 'bank', label: '发放账户', children: c.bankName ? `${c.bankName} ${c.bankAccountMasked ?? ''}` : '—' },
          {
            key: 'assets',
            label: '家庭财产',
            children: `存款等金融资产 ${yuan(app.assets.depositsFen)} 元；机动车 ${app.assets.vehicles} 辆；自住以外房产 ${app.assets.extraHouses} 套`,
          },
          {
            key: 'auth',
            label: '承诺与授权',
            children: (
              <Space size={4}>
                {app.commitmentSigned ? <Tag color="green">已签承诺书</Tag> : <Tag color="red">未签承诺书</Tag>}
                {app.checkAuthorised ? <Tag color="green">已授权核对</Tag> : <Tag color="red">未授权核对</Tag>}
              </Space>
            ),
          },
          ...(flags.length ? [{ key: 'flags', label: '情形', children: flags.join('、') }] : []),
          ...(c.category === 'tekun'
            ? [
                {
                  key: 'selfcare',
                  label: '自理能力',
                  children: selfCare,
                },
                { key: 'supporter', label: '法定义务人', children: app.hasAbleSupporter ? '有具备能力的法定义务人' : '无，或无履行能力' },
              ]
            : []),
          { key: 'reason', label: '申请理由', span: { xs: 1, md: 2 }, children: app.reason },
        ]}
      />
      <Table
        rowKey="personId"
        size="small"
        pagination={false}
        dataSource={rows}
        style={{ marginTop: 8 }}
        scroll={{ x: 'max-content' }}
        data-testid="case-members"
        columns={[
          { title: '姓名', dataIndex: 'name' },
          { title: '与户主关系', dataIndex: 'relation', render: relationName },
          { title: '身份证号', dataIndex: 'idNumberMasked', render: (v: string | null) => v ?? '无' },
          { title: '城乡', dataIndex: 'hukouType', render: (v: keyof typeof hukouTypes) => hukouTypes[v] },
          {
            title: '纳入保障',
            key: 'covered',
            render: (_: unknown, r) => (r.app?.covered ? <Tag color="blue">是</Tag> : <span className="hint">否</span>),
          },
          {
            title: '月收入',
            key: 'incomes',
            render: (_: unknown, r) =>
              r.app?.incomes.length ? (
                <Space orientation="vertical" size={0}>
                  {r.app.incomes.map((i, k) => (
                    <span key={k}>
                      {incomeKinds[i.kind]} <Money fen={i.monthlyFen} />
                    </span>
                  ))}
                </Space>
              ) : (
                <span className="hint">无</span>
              ),
          },
          {
            title: '刚性支出',
            key: 'rigid',
            render: (_: unknown, r) => (r.app?.rigidCostsFen ? <Money fen={r.app.rigidCostsFen} /> : <span className="hint">—</span>),
          },
        ]}
        locale={{ emptyText: <Empty description="申请未列出家庭成员" /> }}
      />
    </Card>
  );
}

function colorOf(h: HistoryEntry): string {
  if (['refuse', 'reject', 'township_disagree', 'withdraw'].includes(h.action)) return 'red';
  if (['approve', 'complete_paperwork'].includes(h.action)) return 'green';
  if (['request_documents', 'object', 'extend'].includes(h.action)) return 'orange';
  return 'blue';
}

function HistoryItem({ h }: { h: HistoryEntry }) {
  const d = h.data as {
    visitDate?: string;
    investigators?: string[];
    findings?: { housing?: string; livingConditions?: string; income?: string; other?: string };
    monthlyFen?: number;
    breakdown?: string;
    amountFen?: number;
    result?: 'passed' | 'failed';
    decision?: 'accept' | 'override';
    label?: string;
    declared?: string;
    found?: string;
    missingAgencyNames?: string;
  };
  return (
    <div data-testid="history-item">
      <div>
        <b>{h.label}</b>
      </div>
      <div className="hint">
        {dateTime(h.at)} · {h.actorName}
      </div>
      {h.reason && (
        <div style={{ whiteSpace: 'pre-wrap' }}>
          {h.action === 'request_documents' ? '需补正：' : '理由：'}
          {h.reason}
        </div>
      )}
      {d.visitDate && (
        <div className="hint" style={{ color: '#555' }}>
          {d.visitDate} 入户，调查人 {d.investigators?.join('、')}
          {d.findings && (
            <ul style={{ margin: '2px 0 0', paddingInlineStart: 18 }}>
              {d.findings.housing && <li>住房：{d.findings.housing}</li>}
              {d.findings.livingConditions && <li>生活：{d.findings.livingConditions}</li>}
              {d.findings.income && <li>收入：{d.findings.income}</li>}
              {d.findings.other && <li>其他：{d.findings.other}</li>}
            </ul>
          )}
        </div>
      )}
      {d.breakdown && <div>核算：{d.breakdown}</div>}
      {d.amountFen !== undefined && !d.breakdown && (
        <div>
          金额：
          <Money fen={d.amountFen} />
        </div>
      )}
      {d.result && <div>抽查结论：{d.result === 'passed' ? '通过' : '不通过'}</div>}
      {h.action === 'decide_finding' && d.label && (
        <div>
          {d.decision === 'accept' ? '采用核对结果' : '不采用核对结果'}：{d.label}，申报 {d.declared}，核对 {d.found}
        </div>
      )}
      {d.missingAgencyNames && <div>未收到回复即完成核对：{d.missingAgencyNames}</div>}
    </div>
  );
}
