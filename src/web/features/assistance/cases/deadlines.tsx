/** A case's deadlines on screen: the working days left, the 济时救 hour, the whole-case limit and the provisional mark. */
import { Space, Tag, Tooltip } from 'antd';
import { dateTime } from '../../../app/api';

/**
 * 剩余工作日: red once past the deadline, orange on its last working day; "暂按工作日推算" when the
 * holiday schedule of a year on the way is not entered yet (the deadline may still move).
 */
export function DaysLeft({ days, provisional }: { days: number | null; provisional: boolean }) {
  if (days === null) return <span className="hint">—</span>;
  const color = days < 0 ? '#cf1322' : days <= 1 ? '#d46b08' : undefined;
  const text = days < 0 ? `超期 ${-days} 个工作日` : days === 0 ? '今日到期' : `剩 ${days} 个工作日`;
  return (
    <Space size={4} wrap>
      <span data-testid="days-left" style={{ color, fontWeight: color ? 600 : undefined }}>
        {text}
      </span>
      {provisional && <ProvisionalTag />}
    </Space>
  );
}

/** 济时救: the hour by which an 急难型 case must be helped first; red once it has passed. */
export function UrgentDue({ at }: { at: string | null | undefined }) {
  if (!at) return null;
  const late = Date.parse(at) < Date.now();
  return (
    <Tooltip title="急难型临时救助：一般 24 小时内、最紧急 2 小时内先行救助">
      <Tag color={late ? 'red' : 'orange'} style={{ marginInlineEnd: 0 }} data-testid="urgent-due">
        {late ? '已超过先行救助时限' : `${dateTime(at).slice(5, 16)} 前先行救助`}
      </Tag>
    </Tooltip>
  );
}

/** A deadline counted through a year whose holiday schedule is not entered yet. */
export function ProvisionalTag() {
  return (
    <Tooltip title="期限所跨年度的节假日安排尚未录入，暂按周一至周五为工作日推算；录入后会自动更正">
      <Tag color="warning" style={{ marginInlineEnd: 0 }} data-testid="provisional">
        暂按工作日推算
      </Tag>
    </Tooltip>
  );
}

/** The whole-case limit (办结期限), marked provisional like a stage deadline. */
export function CaseDue({ date, provisional }: { date: string | null; provisional: boolean }) {
  if (!date) return <span className="hint">—</span>;
  return (
    <Space size={4} wrap>
      <span data-testid="case-due">{date}</span>
      {provisional && <ProvisionalTag />}
    </Space>
  );
}
