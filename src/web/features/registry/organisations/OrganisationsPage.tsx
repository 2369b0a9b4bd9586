import { useState } from 'react';
import { Alert, App, Button, Form, Input, List, Modal, Select, Tag, Upload } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { api, download, errorMessage, type Page } from '../../../app/api';
import { useCan } from '../../../app/auth';
import { ExportButton, FilterForm, ListError, ListTable, PageHeader, useUrlList } from '../../../app/list';
import { DivisionPicker } from '../../../components/DivisionPicker';
import { organisationLegalTypes, organisationRoleKinds, organisationStatuses } from '../../../../shared/registry/organisation-codes';
import type { OrganisationImportAnswer, OrganisationRow } from '../../../../shared/registry/organisations';

type Filter = { q?: string; legalType?: string; role?: string; status?: string; divisionCode?: string };
const options = (o: Record<string, string>) => Object.entries(o).map(([value, label]) => ({ value, label }));

/** 组织机构: the organisation registry's list, with its filters, export and import. */
export function OrganisationsPage() {
  const list = useUrlList<Filter>();
  const [form] = Form.useForm();
  const can = useCan();
  const navigate = useNavigate();
  const [importing, setImporting] = useState(false);
  const { data, refetch, isFetching, error } = useQuery({
    queryKey: ['organisations', list.query],
    queryFn: () => api.get<Page<OrganisationRow>>(`/api/organisations${list.query}`),
  });
  return (
    <div>
      <PageHeader
        title="组织机构"
        sub="每个组织只登记一次：已登记的法人以统一社会信用代码为准，未登记的团队挂在上级组织之下并由平台编号。村（居）民委员会就是其行政区划，不另行登记。"
      />
      <FilterForm
        form={form}
        filter={list.filter}
        filterKey={list.filterKey}
        onSearch={list.setFilter}
        actions={
          <>
            <ExportButton url="/api/organisations/export" filter={list.filter} filename="组织名单.xlsx" testId="org-export" />
            {can('organisation.manage') && (
              <>
                <Button onClick={() => setImporting(true)} data-testid="org-import">
                  导入
                </Button>
                <Button type="primary" onClick={() => navigate('/organisations/new')} data-testid="org-new">
                  登记组织
                </Button>
              </>
            )}
          </>
        }
      >
        <Form.Item name="q" label="名称或代码">
          <Input allowClear maxLength={64} style={{ width: 180 }} data-testid="org-filter-q" />
        </Form.Item>
        <Form.Item name="legalType" label="法人类型">
          <Select allowClear placeholder="全部" style={{ width: 200 }} options={options(organisationLegalTypes)} />
        </Form.Item>
        <Form.Item name="role" label="平台角色">
          <Select allowClear placeholder="全部" style={{ width: 180 }} options={options(organisationRoleKinds)} />
        </Form.Item>
        <Form.Item name="status" label="状态">
          <Select allowClear placeholder="全部" style={{ width: 100 }} options={options(organisationStatuses)} />
        </Form.Item>
        <Form.Item name="divisionCode" label="区划">
          <DivisionPicker anyLevel style={{ width: 220 }} testId="org-filter-division" />
        </Form.Item>
      </FilterForm>
      <ListError error={error} form={form} />
      <ListTable<OrganisationRow>
        list={list}
        page={data}
        loading={isFetching}
        unit="个"
        rowId="org-row"
        empty={{
          filtered: '没有符合条件的组织，请调整查询条件。',
          none: '还没有组织。点击“登记组织”逐个登记，或点击“导入”用 Excel 模板批量导入。',
        }}
        columns={[
          { title: '名称', dataIndex: 'name', render: (v: string, o) => <Link to={`/organisations/${o.id}`}>{v}</Link> },
          { title: '统一社会信用代码 / 平台编号', key: 'code', render: (_, o) => o.creditCode ?? o.platformNo },
          { title: '法人类型', dataIndex: 'legalTypeName', render: (v: string | null) => v ?? '未登记团队' },
          { title: '平台角色', dataIndex: 'currentRoles', render: (v: string[]) => v.map((r) => <Tag key={r}>{r}</Tag>) },
          { title: '上级组织', dataIndex: 'parentName' },
          { title: '所在区划', dataIndex: 'divisionName' },
          {
            title: '状态',
            dataIndex: 'statusName',
            render: (v: string, o) => <Tag color={o.status === 'active' ? 'green' : 'default'}>{v}</Tag>,
          },
        ]}
      />
      {importing && (
        <ImportDialog
          onClose={() => setImporting(false)}
          onDone={() => {
            void refetch();
          }}
        />
      )}
    </div>
  );
}

/** 导入: the template, the file, and the errors by row (nothing is written when there is one). */
function ImportDialog({ onClose, onDone }: { onClose: () => void; onDone: () => void }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<OrganisationImportAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const upload = async (file: File) => {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const body = new FormData();
      body.append('file', file);
      const r = await api.post<OrganisationImportAnswer>('/api/organisations/import', body);
      setResult(r);
      if (r.imported) {
        message.success(`已导入 ${r.imported} 个组织`);
        onDone();
      }
    } catch (e) {
      setError(errorMessage(e, '导入失败'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title="导入组织" onCancel={onClose} footer={<Button onClick={onClose}>关闭</Button>} destroyOnHidden>
      <p>
        请先
        <Button
          type="link"
          size="small"
          onClick={() => download('/api/organisations/template', '组织导入模板.xlsx').catch((e) => message.error(errorMessage(e)))}
          data-testid="org-template"
        >
          下载模板
        </Button>
        ，按“填写说明”填好后上传。任何一行有错误时整个文件都不会导入。
      </p>
      <Upload
        accept=".xlsx"
        showUploadList={false}
        beforeUpload={(file) => {
          void upload(file);
          return false;
        }}
      >
        <Button type="primary" loading={busy} data-testid="org-import-file">
          选择 Excel 文件
        </Button>
      </Upload>
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} />}
      {result && result.errors.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 12 }}
          title={`有 ${result.errors.length} 处错误，未导入任何组织。请改正后重新上传：`}
          description={<List size="small" dataSource={result.errors} renderItem={(e) => <List.Item>{e.message}</List.Item>} />}
          data-testid="org-import-errors"
        />
      )}
      {result && result.imported > 0 && (
        <Alert type="success" showIcon style={{ marginTop: 12 }} title={`已导入 ${result.imported} 个组织`} />
      )}
    </Modal>
  );
}
