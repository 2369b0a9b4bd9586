/**
 * What every list page shares: the filter and the page live in the address (so "返回" from a record
 * comes back to the same search, and a search can be bookmarked or sent to a colleague), a filter
 * bar with 查询/重置 and the actions on the right, the export button, the table with its paging bar,
 * and the server's error shown where it belongs (a bad filter value on its field).
 */
import { useEffect, useMemo, useState, type HTMLAttributes, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { Alert, App, Button, Empty, Form, Space, Table, type FormInstance, type TablePaginationConfig, type TableProps } from 'antd';
import { ApiError, download, errorMessage, qs } from './api';

export type Filter = Record<string, string | undefined>;

export function useUrlList<F extends Filter>(opts: { pageSize?: number } = {}) {
  const [params, setParams] = useSearchParams();
  const defaultSize = opts.pageSize ?? 20;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const pageSize = Math.min(200, Number(params.get('pageSize')) || defaultSize);
  const key = params.toString();
  const filter = useMemo(() => {
    const f: Filter = {};
    for (const [k, v] of new URLSearchParams(key)) if (k !== 'page' && k !== 'pageSize' && v) f[k] = v;
    return f as F;
  }, [key]);
  const filterKey = JSON.stringify(filter);
  const write = (f: Filter, p: number, s: number) =>
    setParams(new URLSearchParams(qs({ ...f, page: p > 1 ? p : undefined, pageSize: s !== defaultSize ? s : undefined }).slice(1)));
  return {
    filter,
    /** Changes when the filter (not the page) changes: a key for the filter form. */
    filterKey,
    hasFilter: filterKey !== '{}',
    page,
    pageSize,
    /** The query string for the list request: filter + page. */
    query: qs({ ...filter, page, pageSize }),
    setFilter: (f: F) => write(f, 1, pageSize),
    pagination: (total: number | undefined, unit = '条'): TablePaginationConfig => ({
      current: page,
      pageSize,
      total,
      showSizeChanger: true,
      pageSizeOptions: [20, 50, 100, 200],
      showQuickJumper: (total ?? 0) > pageSize * 5,
      showTotal: (t) => `共 ${t} ${unit}`,
      onChange: (p, s) => write(filter, s !== pageSize ? 1 : p, s),
    }),
  };
}

/**
 * The filter bar: fields on the left, 查询 and 重置, then `actions` (export, create) on the right.
 * `toForm` / `fromForm` convert between the address (strings) and the form's values (dates…).
 */
export function FilterForm<V extends object>({
  filter,
  filterKey,
  onSearch,
  children,
  actions,
  toForm,
  fromForm,
  form: outer,
  submitTestId = 'filter-submit',
}: {
  submitTestId?: string;
  filter: Filter;
  filterKey: string;
  onSearch: (f: Filter) => void;
  children: ReactNode;
  actions?: ReactNode;
  toForm?: (f: Filter) => Partial<V>;
  fromForm?: (v: V) => Filter;
  form?: FormInstance<V>;
}) {
  const [own] = Form.useForm<V>();
  const form = outer ?? own;
  const initial = toForm ? toForm(filter) : (filter as Partial<V>);
  useEffect(() => {
    // Back/forward in the browser changes the address: show that filter in the fields.
    form.resetFields();
  }, [filterKey, form]);
  const submit = (v: V) => {
    const f = fromForm ? fromForm(v) : (v as unknown as Filter);
    const clean: Filter = {};
    for (const [k, val] of Object.entries(f))
      if (val !== undefined && val !== null && String(val).trim() !== '') clean[k] = String(val).trim();
    onSearch(clean);
  };
  return (
    <div className="filter-bar no-print">
      <Form<V> form={form} layout="inline" onFinish={submit} initialValues={initial as V} style={{ rowGap: 8, flex: 1 }}>
        {children}
        <Space>
          <Button type="primary" htmlType="submit" data-testid={submitTestId}>
            查询
          </Button>
          <Button onClick={() => onSearch({})}>重置</Button>
        </Space>
      </Form>
      {actions && <Space wrap>{actions}</Space>}
    </div>
  );
}

/** 导出 Excel: the list's filter goes along; the server audits the export. */
export function ExportButton({ url, filter, filename, testId }: { url: string; filter: Filter; filename: string; testId?: string }) {
  const [busy, setBusy] = useState(false);
  const { message } = App.useApp();
  const run = async () => {
    setBusy(true);
    try {
      await download(`${url}${qs(filter)}`, filename);
      message.success('已导出，请在浏览器的下载列表中查看');
    } catch (e) {
      message.error(errorMessage(e, '导出失败'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button onClick={run} loading={busy} data-testid={testId ?? 'export-button'}>
      导出 Excel
    </Button>
  );
}

/**
 * A failed list request: a field error of the filter goes onto the filter's field; anything else is
 * shown above the table.
 */
export function ListError({ error, form }: { error: unknown; form?: FormInstance }) {
  useEffect(() => {
    const fields = error instanceof ApiError ? (error.details.fields ?? []) : [];
    if (form && fields.length) form.setFields(fields.map((f) => ({ name: f.field, errors: [stripFieldPrefix(f.message)] })));
  }, [error, form]);
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 12 }}
      title={errorMessage(error, '查询失败，请稍后重试')}
      data-testid="list-error"
    />
  );
}

/** The server prefixes field messages with the field's name ("身份证号：…"); a form shows it under the label already. */
export function stripFieldPrefix(message: string): string {
  return message.replace(/^[^：]{1,12}：/, '');
}

/** The title line of a page: `.page-title` on the left, actions on the right. */
export function PageHeader({ title, extra, sub }: { title: ReactNode; extra?: ReactNode; sub?: ReactNode }) {
  return (
    <div className="page-header">
      <div>
        <h2 className="page-title">{title}</h2>
        {sub && <div className="page-sub">{sub}</div>}
      </div>
      {extra && (
        <Space className="no-print" wrap>
          {extra}
        </Space>
      )}
    </div>
  );
}

/** `onRow` for a table whose rows browser tests find by test id. */
export const rowTestId = (id: string) => () => ({ 'data-testid': id }) as HTMLAttributes<HTMLElement>;

/**
 * The list's table: the page of the server's answer, the paging bar in the address (`unit` counts the
 * rows: "共 12 人"), each row's test id (`rowId`, merged into what `onRow` returns), and the empty state
 * saying what to do (`filtered` when a filter is set, else `none`; a list whose empty text does not
 * depend on the filter gives only `none`). Small, keyed by `id` and scrolling sideways when wider than
 * the page; any Table prop the page passes (`rowKey`, `size`, `scroll`…) wins.
 */
export function ListTable<T extends object>({
  list,
  page,
  loading,
  unit,
  rowId,
  empty,
  onRow,
  ...table
}: {
  list: { hasFilter: boolean; pagination: (total: number | undefined, unit?: string) => TablePaginationConfig };
  page: { items: T[]; total: number } | undefined;
  loading: boolean;
  unit?: string;
  /** The rows' data-testid. */
  rowId?: string;
  empty: { filtered?: ReactNode; none: ReactNode };
} & Omit<TableProps<T>, 'dataSource' | 'pagination' | 'loading' | 'locale'>) {
  const description = list.hasFilter && empty.filtered !== undefined ? empty.filtered : empty.none;
  return (
    <Table<T>
      rowKey="id"
      size="small"
      scroll={{ x: 'max-content' }}
      onRow={rowId ? (r, i) => ({ ...rowTestId(rowId)(), ...onRow?.(r, i) }) : onRow}
      {...table}
      loading={loading}
      dataSource={page?.items}
      pagination={list.pagination(page?.total, unit)}
      locale={{ emptyText: <Empty description={description} /> }}
    />
  );
}
