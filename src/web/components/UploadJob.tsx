/**
 * The two halves of an .xlsx import page around useUploadJob: the file picker with its submit
 * button, and the job's result (progress, counts, or the error report). `testId` prefixes the
 * test ids (import-choose, import-submit, import-error, import-job, import-progress, …).
 */
import type { ReactNode } from 'react';
import { Alert, App, Button, Card, Progress, Space, Upload } from 'antd';
import { download, errorMessage } from '../app/api';
import type { UploadJob } from '../app/jobs';

type ImportResult = { total?: number; errorCount?: number; errorFile?: string | null };

/** The .xlsx drop zone, 开始导入 and the upload's error; `children` come first (e.g. the import mode). */
export function XlsxUpload<R>({
  upload,
  testId,
  onSubmit,
  children,
}: {
  upload: UploadJob<R>;
  testId: string;
  onSubmit: () => Promise<void>;
  children?: ReactNode;
}) {
  const { message } = App.useApp();
  const { file, running } = upload;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {children}
      <Upload.Dragger
        accept=".xlsx"
        maxCount={1}
        disabled={running}
        beforeUpload={(f) => {
          if (!/\.xlsx$/i.test(f.name)) {
            message.error('请选择 .xlsx 格式的文件（Excel 2007 及以上）；.xls 请先另存为 .xlsx');
            return Upload.LIST_IGNORE;
          }
          return false;
        }}
        fileList={file ? [file] : []}
        onChange={(info) => upload.choose(info.fileList[0] ?? null)}
        data-testid={`${testId}-choose`}
      >
        <p style={{ margin: '12px 0 4px', fontSize: 15 }}>点击或将 .xlsx 文件拖到此处</p>
        <p className="hint" style={{ marginBottom: 12 }}>
          一次一个文件
        </p>
      </Upload.Dragger>
      <Button
        type="primary"
        disabled={!file || running}
        loading={upload.busy}
        onClick={() => void onSubmit()}
        data-testid={`${testId}-submit`}
      >
        开始导入
      </Button>
      {upload.error && <Alert type="error" showIcon title={upload.error} data-testid={`${testId}-error`} />}
    </Space>
  );
}

/**
 * 第三步：导入结果, once a job was started: queued, running, then the counts (`stats`) with `view`
 * and 再导入一个文件, or the failure with the error report (saved as `errorReportName`).
 */
export function ImportJobResult<R extends ImportResult>({
  upload,
  testId,
  stats,
  view,
  errorReportName,
}: {
  upload: UploadJob<R>;
  testId: string;
  stats: (result: R | null) => ReactNode;
  view: ReactNode;
  errorReportName: string;
}) {
  const { message } = App.useApp();
  if (upload.jobId === null) return null;
  const { job, again } = upload;
  const j = job.data;
  const r = j?.result ?? null;
  const progress = `${testId}-progress`;
  let content: ReactNode;
  if (job.error) content = <Alert type="error" showIcon title={errorMessage(job.error, '无法读取导入进度')} />;
  else if (!j || j.status === 'queued') content = <Progress percent={0} status="active" format={() => '排队中'} data-testid={progress} />;
  // While rows are read the total is not known yet (0): the bar shows work, the text the rows.
  else if (j.status === 'running')
    content = (
      <Progress
        percent={j.total ? Math.floor((j.progress / j.total) * 100) : 100}
        showInfo={Boolean(j.total)}
        status="active"
        data-testid={progress}
      />
    );
  else if (j.status === 'succeeded') {
    content = (
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Progress percent={100} status="success" data-testid={progress} />
        <Alert type="success" showIcon title="导入完成" data-testid={`${testId}-result`} />
        <Space size={48}>{stats(r)}</Space>
        <Space>
          {view}
          <Button onClick={again}>再导入一个文件</Button>
        </Space>
      </Space>
    );
  } else {
    content = (
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Progress percent={100} status="exception" data-testid={progress} />
        <Alert
          type="error"
          showIcon
          title={j.error ?? '导入失败'}
          description={
            r?.errorCount
              ? `有错误的行：${r.errorCount} 行（共 ${r.total ?? '?'} 行）。错误报告在每一行后注明了原因，改正后可直接重新导入。`
              : undefined
          }
          data-testid={`${testId}-result`}
        />
        <Space>
          {r?.errorFile && (
            <Button
              type="primary"
              danger
              onClick={() => download(r.errorFile!, errorReportName).catch((e) => message.error(errorMessage(e, '下载失败')))}
              data-testid={`${testId}-error-report`}
            >
              下载错误报告
            </Button>
          )}
          <Button onClick={again}>重新选择文件</Button>
        </Space>
      </Space>
    );
  }
  return (
    <Card size="small" title="第三步：导入结果" className="section-gap" data-testid={`${testId}-job`}>
      {content}
    </Card>
  );
}
