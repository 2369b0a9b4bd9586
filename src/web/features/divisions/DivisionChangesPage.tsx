import { useState } from 'react';
import { Alert, Button, DatePicker, Empty, Form, Input, Select, Space, Table, Tabs } from 'antd';
import type { Dayjs } from 'dayjs';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, dateTime, qs, type Page } from '../../app/api';
import { ExportButton, FilterForm, ListError, PageHeader, rowTestId, ListTable, useUrlList } from '../../app/list';
import { useSubmit } from '../../app/forms';
import { today } from '../../app/today';
import { FormDialog } from '../../components/FormDialog';
import { DivisionPicker, childrenOf } from '../../components/DivisionPicker';
import {
  changeKinds,
  changeStatuses,
  type ChangeKind,
  type CodeMapRow,
  type DivisionChange,
  type RecordChangeInput,
} from '../../../shared/divisions/changes';
import { ChangeSteps, ChangeStepButtons, StatusTag } from './ChangeSteps';

type Filter = { status?: string; kind?: string };

/**
 * 区划变更 (docs/rules.md "Dated divisions (区划变更)"): the changes recorded with their status and the
 * rows re-coded per table, a form to record one, the second administrator's 复核 (通过 / 退回) and the
 * 作废 of a change recorded in error (ChangeSteps.tsx), and the mapping table of old and new codes.
 */
export function DivisionChangesPage() {
  const [tab, setTab] = useState('changes');
  return (
    <div>
      <PageHeader
        title="区划变更"
        sub="更名、改码（撤镇设街）、拆分、合并：登记后须由另一名管理员复核；复核通过且到生效日期后，系统按新旧代码对照表自动改写在办业务和账号的区划代码；已审核的发放名册和已出具的文书保持原代码，原代码可在对照表中查到。"
      />
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'changes', label: '变更记录', children: <ChangesTab /> },
          { key: 'map', label: '新旧代码对照', children: <CodeMapTab /> },
        ]}
      />
    </div>
  );
}

function ChangesTab() {
  const list = useUrlList<Filter>();
  const [form] = Form.useForm();
  const [recording, setRecording] = useState(false);
  const changes = useQuery({
    queryKey: ['division-changes', list.query],
    queryFn: () => api.get<Page<DivisionChange>>(`/api/divisions/changes${list.query}`),
    refetchInterval: (q) => (q.state.data?.items.some((c) => c.status === 'planned') ? 5000 : false),
  });
  return (
    <>
      <FilterForm
        form={form}
        filter={list.filter}
        filterKey={list.filterKey}
        onSearch={list.setFilter}
        actions={
          <>
            <ExportButton url="/api/divisions/changes/export" filter={list.filter} filename="区划变更.xlsx" />
            <Button type="primary" onClick={() => setRecording(true)} data-testid="division-change-new">
              登记变更
            </Button>
          </>
        }
      >
        <Form.Item name="status" label="状态">
          <Select
            allowClear
            style={{ width: 120 }}
            placeholder="全部"
            options={Object.entries(changeStatuses).map(([value, label]) => ({ value, label }))}
          />
        </Form.Item>
        <Form.Item name="kind" label="类别">
          <Select
            allowClear
            style={{ width: 170 }}
            placeholder="全部"
            options={Object.entries(changeKinds).map(([value, label]) => ({ value, label }))}
          />
        </Form.Item>
      </FilterForm>
      <ListError error={changes.error} form={form} />
      <ListTable<DivisionChange>
        list={list}
        page={changes.data}
        loading={changes.isFetching}
        unit="项"
        rowId="division-change-row"
        empty={{
          filtered: '没有符合条件的区划变更。',
          none: '还没有登记区划变更。收到行政区划调整的批复后，点击“登记变更”填写文号、生效日期和新旧代码。',
        }}
        expandable={{
          expandedRowRender: (c) => (
            <>
              <ChangeSteps change={c} />
              {Object.keys(c.counts).length > 0 && <CountsTable counts={c.counts} />}
            </>
          ),
        }}
        columns={[
          { title: '生效日期', dataIndex: 'effectiveDate' },
          { title: '类别', dataIndex: 'kind', render: (k: ChangeKind) => changeKinds[k] },
          { title: '变更内容', dataIndex: 'summary', width: 420 },
          { title: '批准文号', dataIndex: 'documentNo' },
          { title: '状态', dataIndex: 'status', render: (_, c) => <StatusTag change={c} /> },
          { title: '代码对照', dataIndex: 'mapped', render: (n: number) => `${n} 条` },
          {
            title: '改码记录',
            key: 'rows',
            render: (_, c) => `${Object.values(c.counts).reduce((s, x) => s + x, 0)} 行`,
          },
          { title: '登记人', dataIndex: 'recordedBy', render: (v: string | null) => v ?? '' },
          {
            title: '复核人',
            dataIndex: 'reviewedBy',
            render: (v: string | null, c) => (v ? `${v}（${dateTime(c.reviewedAt!)}）` : ''),
          },
          { title: '原因', dataIndex: 'reason' },
          {
            title: '操作',
            key: 'actions',
            render: (_, c) => <ChangeStepButtons change={c} onDone={() => void changes.refetch()} />,
          },
        ]}
      />
      {recording && <RecordChangeModal onClose={() => setRecording(false)} onDone={() => void changes.refetch()} />}
    </>
  );
}

function CountsTable({ counts }: { counts: Record<string, number> }) {
  const rows = Object.entries(counts).map(([k, n]) => ({ k, n }));
  return (
    <Table
      size="small"
      rowKey="k"
      pagination={false}
      dataSource={rows}
      columns={[
        { title: '表.列', dataIndex: 'k' },
        { title: '改码行数', dataIndex: 'n' },
      ]}
    />
  );
}

function CodeMapTab() {
  const [code, setCode] = useState('');
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const map = useQuery({
    queryKey: ['division-code-map', code, page],
    queryFn: () => api.get<Page<CodeMapRow>>(`/api/divisions/code-map${qs({ code: code || undefined, ...page })}`),
  });
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Input.Search
          placeholder="按原代码或新代码查找，如 370830102"
          allowClear
          style={{ width: 320 }}
          onSearch={(v) => {
            setCode(v.trim());
            setPage((p) => ({ ...p, page: 1 }));
          }}
          data-testid="code-map-search"
        />
      </Space>
      <ListError error={map.error} />
      <Table<CodeMapRow>
        rowKey={(r) => `${r.changeId}-${r.oldCode}`}
        size="small"
        loading={map.isFetching}
        dataSource={map.data?.items}
        onRow={rowTestId('code-map-row')}
        locale={{
          emptyText: <Empty description={code ? '没有该代码的新旧对照。' : '还没有改码、拆分或合并的变更；更名不改代码，不进对照表。'} />,
        }}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: map.data?.total,
          showTotal: (t) => `共 ${t} 条`,
          onChange: (p, s) => setPage({ page: p, pageSize: s }),
        }}
        columns={[
          { title: '原代码', dataIndex: 'oldCode' },
          { title: '原名称', dataIndex: 'oldName', render: (v: string | null) => v ?? '' },
          { title: '新代码', dataIndex: 'newCode' },
          { title: '新名称', dataIndex: 'newName', render: (v: string | null) => v ?? '' },
          { title: '生效日期', dataIndex: 'effectiveDate' },
          { title: '类别', dataIndex: 'kind', render: (k: ChangeKind) => changeKinds[k] },
          { title: '批准文号', dataIndex: 'documentNo' },
          { title: '状态', dataIndex: 'status', render: (s: CodeMapRow['status']) => changeStatuses[s] },
        ]}
      />
    </>
  );
}

interface FormValues {
  kind: ChangeKind;
  effectiveDate: Dayjs;
  documentNo: string;
  reason: string;
  code?: string;
  newCode?: string;
  newName?: string;
  sources?: string[];
  target?: string;
  targetName?: string;
  source?: string;
  parts?: { code: string; name: string; villages: string[] }[];
}

function toInput(v: FormValues): RecordChangeInput {
  const common = { effectiveDate: v.effectiveDate?.format('YYYY-MM-DD') ?? '', documentNo: v.documentNo ?? '', reason: v.reason ?? '' };
  switch (v.kind) {
    case 'rename':
      return { kind: 'rename', code: v.code ?? '', newName: v.newName ?? '', ...common };
    case 'recode':
      return { kind: 'recode', code: v.code ?? '', newCode: v.newCode ?? '', newName: v.newName || undefined, ...common };
    case 'merge':
      return { kind: 'merge', sources: v.sources ?? [], target: v.target ?? '', targetName: v.targetName ?? '', ...common };
    case 'split':
      return { kind: 'split', source: v.source ?? '', parts: v.parts ?? [], ...common };
  }
}

function RecordChangeModal({ onClose, onDone }: { onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<FormValues>();
  const { error, busy, run } = useSubmit(onDone, onClose);
  const kind = Form.useWatch('kind', form) ?? 'recode';
  const source = Form.useWatch('source', form);
  const client = useQueryClient();
  const villages = useQuery({
    queryKey: ['division-children', source],
    queryFn: () => childrenOf(client, source!),
    enabled: kind === 'split' && Boolean(source),
  });
  const submit = () =>
    void run(
      form,
      () => api.post<{ id: number }>('/api/divisions/changes', toInput(form.getFieldsValue(true))),
      () => '已登记，待另一名管理员复核；复核通过后到生效日期自动改码',
    );
  return (
    <FormDialog
      title="登记区划变更"
      testId="division-change"
      confirm="登记"
      busy={busy}
      error={error}
      intro="依据民政部门或政府的批复登记。登记后由另一名管理员复核：复核通过时生效日期已到的立即改码，以后的日期到期自动改码。区划代码不重复使用：新代码须未被使用过。"
      onClose={onClose}
      onOk={submit}
    >
      <Form form={form} layout="vertical" initialValues={{ kind: 'recode', effectiveDate: today(), parts: [{ villages: [] }] }}>
        <Form.Item name="kind" label="变更类别">
          <Select options={Object.entries(changeKinds).map(([value, label]) => ({ value, label }))} data-testid="division-change-kind" />
        </Form.Item>
        {(kind === 'rename' || kind === 'recode') && (
          <Form.Item name="code" label="变更的区划">
            <DivisionPicker anyLevel testId="division-change-code" />
          </Form.Item>
        )}
        {kind === 'recode' && (
          <Form.Item
            name="newCode"
            label="新代码"
            extra="与原代码同级：乡镇（街道）9 位，街道 001–099、镇 100–199、乡 200–399；下级区划随之改码。"
          >
            <Input maxLength={12} data-testid="division-change-new-code" />
          </Form.Item>
        )}
        {(kind === 'rename' || kind === 'recode') && (
          <Form.Item name="newName" label={kind === 'rename' ? '新名称' : '新名称（不改名可不填）'}>
            <Input maxLength={40} data-testid="division-change-new-name" />
          </Form.Item>
        )}
        {kind === 'merge' && (
          <>
            <Form.Item name="sources" label="合并的区划（同级、同一上级）" extra="输入代码后回车，可输入多个。">
              <Select mode="tags" tokenSeparators={[',', '，', ' ']} data-testid="division-change-sources" />
            </Form.Item>
            <Form.Item name="target" label="合并后的代码" extra="可沿用其中一个的代码，或使用未用过的新代码。">
              <Input maxLength={12} />
            </Form.Item>
            <Form.Item name="targetName" label="合并后的名称">
              <Input maxLength={40} />
            </Form.Item>
          </>
        )}
        {kind === 'split' && (
          <>
            <Form.Item name="source" label="拆分的乡镇（街道）" extra="整村（社区）划出：村（社区）不拆分。">
              <DivisionPicker anyLevel />
            </Form.Item>
            <Form.List name="parts">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((f, i) => (
                    <div key={f.key} className="section-gap">
                      <Space align="start" wrap>
                        <Form.Item name={[f.name, 'code']} label={`新设区划 ${i + 1} 代码`}>
                          <Input maxLength={9} style={{ width: 130 }} />
                        </Form.Item>
                        <Form.Item name={[f.name, 'name']} label="名称">
                          <Input maxLength={40} style={{ width: 160 }} />
                        </Form.Item>
                        {fields.length > 1 && (
                          <Button type="link" onClick={() => remove(f.name)} style={{ marginTop: 30 }}>
                            删除
                          </Button>
                        )}
                      </Space>
                      <Form.Item name={[f.name, 'villages']} label="划入的村（社区）">
                        <Select
                          mode="multiple"
                          loading={villages.isFetching}
                          options={(villages.data ?? []).map((v) => ({ value: v.code, label: `${v.name}（${v.code}）` }))}
                          notFoundContent={source ? '没有下级村（社区）' : '请先选择拆分的乡镇（街道）'}
                        />
                      </Form.Item>
                    </div>
                  ))}
                  <Button onClick={() => add({ villages: [] })}>再加一个新设区划</Button>
                </>
              )}
            </Form.List>
          </>
        )}
        <Form.Item name="effectiveDate" label="生效日期" className="section-gap">
          <DatePicker data-testid="division-change-date" />
        </Form.Item>
        <Form.Item name="documentNo" label="批准文号">
          <Input maxLength={60} placeholder="如 鲁政字〔2020〕123号" data-testid="division-change-document" />
        </Form.Item>
        <Form.Item name="reason" label="原因">
          <Input.TextArea maxLength={500} rows={2} data-testid="division-change-reason" />
        </Form.Item>
      </Form>
      {kind === 'split' && !source && (
        <Alert type="info" showIcon title="先选择拆分的乡镇（街道），再为每个新设区划选择划入的村（社区）。" />
      )}
    </FormDialog>
  );
}
