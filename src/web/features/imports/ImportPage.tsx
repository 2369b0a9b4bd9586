import { useState } from 'react';
import { App, Button, Card, Radio, Space, Statistic, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useUploadJob } from '../../app/jobs';
import { download, errorMessage } from '../../app/api';
import { PageHeader } from '../../app/list';
import { ImportJobResult, XlsxUpload } from '../../components/UploadJob';

type Mode = 'create' | 'update';

type ImportResult = { created?: number; updated?: number; total?: number; errorCount?: number; errorFile: string | null };

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
      <PageHeader title="花名册导入" sub="批量登记或更新人员。导入前逐行校验：全部正确才导入；有任何一行错误则不导入任何数据，并提供错误报告。" />
      <Card size="small" title="第一步：下载模板并填写">
        <Typography.Paragraph>
          按模板填写人员花名册：第 1 行为表头，不要修改；每人一行；身份证号请设为“文本”格式，以免末位或后几位被 Excel 改写。
        </Typography.Paragraph>
        <Button onClick={() => download('/api/imports/persons/template', '人员花名册模板.xlsx').catch((e) => message.error(errorMessage(e, '下载失败')))} data-testid="import-template">
          下载模板
        </Button>
      </Card>
      <Card size="small" title="第二步：选择导入方式并上传" className="section-gap">
        <XlsxUpload upload={upload} testId="import" onSubmit={() => upload.submit(`/api/imports/persons?mode=${mode}`)}>
          <Radio.Group value={mode} onChange={(e) => { setMode(e.target.value as Mode); upload.newKey(); }} disabled={upload.running} data-testid="import-mode">
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
        view={<Button type="primary" onClick={() => navigate('/persons')}>查看人员</Button>}
        stats={(r) => (
          <>
            <Statistic title="新增" value={r?.created ?? 0} suffix="人" />
            <Statistic title="更新" value={r?.updated ?? 0} suffix="人" />
            <Statistic title="共计" value={r?.total ?? (r?.created ?? 0) + (r?.updated ?? 0)} suffix="行" />
          </>
        )}
      />
    </div>
  );
}
