import type { HTMLAttributes, ReactNode } from 'react';
import { Empty, Grid, Table } from 'antd';

export interface RecordColumn<T> {
  key: string;
  title: string;
  render: (row: T) => ReactNode;
  align?: 'left' | 'right';
}

/**
 * Rows of a small list as a table on a wide screen and as one card per row on a phone, where a
 * table would hide its right-hand columns off-screen: every field stays in view, label beside value.
 */
export function Records<T>({
  rows,
  columns,
  rowKey,
  title,
  empty,
  testId,
}: {
  rows: T[];
  columns: RecordColumn<T>[];
  rowKey: (row: T) => string | number;
  /** The card's heading on a phone (the row's name); the other columns are listed under it. */
  title?: (row: T) => ReactNode;
  empty: ReactNode;
  testId?: string;
}) {
  const screens = Grid.useBreakpoint();
  const wide = screens.md ?? true;
  if (!rows.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />;
  if (wide) {
    return (
      <Table<T>
        rowKey={rowKey}
        size="small"
        pagination={false}
        dataSource={rows}
        onRow={() => ({ 'data-testid': testId }) as HTMLAttributes<HTMLElement>}
        columns={columns.map((c) => ({ key: c.key, title: c.title, align: c.align, render: (_: unknown, r: T) => c.render(r) }))}
      />
    );
  }
  return (
    <div>
      {rows.map((r) => (
        <section key={rowKey(r)} className="portal-record" data-testid={testId}>
          {title && <div className="portal-record-title">{title(r)}</div>}
          <dl>
            {columns.map((c) => (
              <div key={c.key} style={{ display: 'contents' }}>
                <dt>{c.title}</dt>
                <dd>{c.render(r)}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </div>
  );
}
