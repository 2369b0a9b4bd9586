/** A case's status as a coloured tag. */
import { Tag } from 'antd';
import type { CaseStatus } from '../../../../shared/assistance-codes';

const statusColors: Record<CaseStatus, string> = {
  submitted: 'gold',
  supplementing: 'orange',
  accepted: 'blue',
  checking: 'blue',
  visiting: 'blue',
  township_review: 'geekblue',
  notice: 'purple',
  awaiting_decision: 'cyan',
  paid_first: 'magenta',
  approved: 'green',
  refused: 'red',
  rejected: 'red',
  withdrawn: 'default',
};

export function StatusTag({ status, name }: { status: string; name: string }) {
  return (
    <Tag color={statusColors[status as CaseStatus] ?? 'default'} data-testid="case-status" style={{ marginInlineEnd: 0 }}>
      {name}
    </Tag>
  );
}
