import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router';
import { StatusTag } from './StatusTag';
import { CaseDue, DaysLeft, UrgentDue } from './deadlines';
import type { CaseRow } from '../../../../shared/assistance/cases';

/** The columns the worklist and the case list share. */
export function caseColumns(): ColumnsType<CaseRow> {
  return [
    // Stays in sight when the rest of the row scrolls sideways (both lists scroll by themselves).
    {
      title: '申请编号',
      dataIndex: 'caseNo',
      width: 130,
      fixed: 'left',
      render: (v: string, r) => (
        <Link to={`/assistance/cases/${r.id}`} data-testid="case-link" onClick={(e) => e.stopPropagation()}>
          {v}
        </Link>
      ),
    },
    { title: '类别', dataIndex: 'categoryName', width: 110 },
    {
      title: '申请人',
      dataIndex: 'applicantName',
      width: 110,
      render: (v: string, r) => (
        <>
          {v}
          {r.staffRelative && (
            <span className="hint" title="工作人员近亲属：单独登记，县级入户核查">
              {' '}
              （近亲属）
            </span>
          )}
        </>
      ),
    },
    { title: '村（社区）', dataIndex: 'divisionName', ellipsis: true, render: (v: string | null, r) => shortDivision(v) ?? r.divisionCode },
    { title: '状态', dataIndex: 'statusName', width: 150, render: (v: string, r) => <StatusTag status={r.status} name={v} /> },
    {
      title: '本环节期限',
      dataIndex: 'dueDate',
      width: 110,
      render: (v: string | null, r) => (
        <>
          {v ?? <span className="hint">—</span>}
          {r.urgentDueAt && (
            <div>
              <UrgentDue at={r.urgentDueAt} />
            </div>
          )}
        </>
      ),
    },
    {
      title: '剩余工作日',
      dataIndex: 'daysLeft',
      width: 190,
      render: (v: number | null, r) => <DaysLeft days={v} provisional={r.dueProvisional} />,
    },
    {
      title: '办结期限',
      dataIndex: 'caseDueDate',
      width: 110,
      render: (v: string | null, r) => <CaseDue date={v} provisional={r.caseDueProvisional} />,
    },
  ];
}

/** "济宁市任城区许庄街道航运新村居委会" → "任城区许庄街道航运新村居委会": every list is inside the city. */
export function shortDivision(full: string | null | undefined): string | null {
  if (!full) return null;
  return full.replace(/^(山东省)?\s*济宁市\s*/, '');
}
