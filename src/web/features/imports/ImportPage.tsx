import { useState } from 'react';
import { Alert, App, Button, Card, Radio, Space, Statistic, Table, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useUploadJob } from '../../app/jobs';
import { download, errorMessage } from '../../app/api';
import { PageHeader, rowTestId } from '../../app/list';
import { ImportJobResult, XlsxUpload } from '../../components/UploadJob';
import type { ImportMode as Mode, ImportRowError as RowError, PersonImportResult as ImportResult } from '../../../shared/registry/imports';

/**
 * 花名册导入: template → mode → upload → the job's progress (polled every second) → counts, or
 * the error report. All rows are checked first; one bad row and nothing is imported.
 */
export function ImportPage() {
  const [mode, setMode] = useState<Mode>('create');
  // The key is new per chosen file and mode: sending the same choice again (a retry after a
  // network failure) returns the first job instead of importing twice.
  const upload = useUploadJob<ImportResult>();
  const { message } = App.useApp();
  const navigate = useNavigate();

  return (
    <div style={{ maxWidth: 900 }}>
      <PageHeader
        title="花名册导入"
        sub="批量登记或更新人员。导入前逐行校验：全部正确才导入；有任何一行错误则不导入任何数据，并提供错误报告。"
      />
      <Card size="small" title="第一步：下载模板并填写">
        <Typography.Paragraph>
          按模板填写人员花名册：第 1 行为表头，不要修改；每人一行。模板的身份证号列已设为“文本”格式，请勿改为“常规”或“数值”，否则 Excel
          只保留 15 位，末几位变成 0； 城乡类别、残疾类别、残疾等级请从下拉列表选择；可填写的户籍区划代码见模板中的“区划代码”工作表。
        </Typography.Paragraph>
        <Button
          onClick={() =>
            download('/api/imports/persons/template', '人员花名册模板.xlsx').catch((e) => message.error(errorMessage(e, '下载失败')))
          }
          data-testid="import-template"
        >
          下载模板
        </Button>
      </Card>
      <Card size="small" title="第二步：选择导入方式并上传" className="section-gap">
        <XlsxUpload upload={upload} testId="import" onSubmit={() => upload.submit(`/api/imports/persons?mode=${mode}`)}>
          <Radio.Group
            value={mode}
            onChange={(e) => {
              setMode(e.target.value as Mode);
              upload.newKey();
            }}
            disabled={upload.running}
            data-testid="import-mode"
          >
            <Space orientation="vertical">
              <Radio value="create">新增：表中人员均为尚未登记的人员</Radio>
              <Radio value="update">更新：表中人员均为已登记人员，按身份证号更新其信息</Radio>
            </Space>
          </Radio.Group>
        </XlsxUpload>
      </Card>
      <ImportJobResult
        upload={upload}
        testId="import"
        errorReportName="导入错误报告.xlsx"
        view={
          <Button type="primary" onClick={() => navigate('/persons')}>
            查看人员
          </Button>
        }
        stats={(r) => (
          <>
            <Statistic title="新增" value={r?.created ?? 0} suffix="人" />
            <Statistic title="更新" value={r?.updated ?? 0} suffix="人" />
            <Statistic title="共计" value={r?.total ?? (r?.created ?? 0) + (r?.updated ?? 0)} suffix="行" />
          </>
        )}
      />
      {upload.job.data?.status === 'failed' && <RowErrors result={upload.job.data.result} />}
    </div>
  );
}

/** The rows with errors, on the page (the first 100, ten a page), as in the error report. */
function RowErrors({ result }: { result: ImportResult | null }) {
  const list = result?.rowErrors ?? [];
  if (!list.length) return null;
  const count = result?.errorCount ?? list.length;
  return (
    <Card size="small" title={`错误明细（${count} 行）`} className="section-gap" data-testid="import-row-errors">
      {count > list.length && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={`此处显示前 ${list.length} 行，全部 ${count} 行的错误见错误报告。`}
        />
      )}
      <Table<RowError>
        rowKey="row"
        size="small"
        dataSource={list}
        onRow={rowTestId('import-row-error')}
        pagination={list.length > 10 ? { pageSize: 10, showSizeChanger: false, showTotal: (n) => `共 ${n} 行` } : false}
        columns={[
          { title: '行号', dataIndex: 'row', width: 100, render: (n: number) => `第 ${n} 行` },
          { title: '错误', dataIndex: 'message', render: (m: string) => <span data-testid="import-row-error-message">{m}</span> },
        ]}
      />
    </Card>
  );
}
