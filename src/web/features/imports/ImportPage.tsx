import { useState } from 'react';
import { Alert, App, Button, Card, Progress, Radio, Space, Statistic, Typography, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { useNavigate } from 'react-router';
import { useJob, uuid, type Job as JobState } from '../../app/jobs';
import { api, download, errorMessage } from '../../app/api';
import { PageHeader } from '../../app/list';

type Mode = 'create' | 'update';

type ImportResult = { created?: number; updated?: number; total?: number; errorCount?: number; errorFile: string | null };
type Job = JobState<ImportResult>;


/**
 * 花名册导入: template → mode → upload → the job's progress (polled every second) → counts, or
 * the error report. All rows are checked first; one bad row and nothing is imported.
 */
export function ImportPage() {
  const [mode, setMode] = useState<Mode>('create');
  const [file, setFile] = useState<UploadFile | null>(null);
  // One key per chosen file and mode: sending the same choice again (a retry after a network
  // failure) returns the first job instead of importing twice.
  const [key, setKey] = useState(uuid);
  const [jobId, setJobId] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { message } = App.useApp();
  const navigate = useNavigate();
  const job = useJob<ImportResult>(jobId);
  const running = job.running;

  const choose = (f: UploadFile | null) => {
    setFile(f);
    setKey(uuid());
    setError(null);
  };
  const submit = async () => {
    if (!file?.originFileObj) return;
    setError(null);
    setBusy(true);
    const body = new FormData();
    body.append('file', file.originFileObj);
    try {
      const { jobId: id } = await api.post<{ jobId: number }>(`/api/imports/persons?mode=${mode}`, body, { 'Idempotency-Key': key });
      setJobId(id);
    } catch (e) {
      setError(errorMessage(e, '上传失败'));
    } finally {
      setBusy(false);
    }
  };
  const again = () => {
    setJobId(null);
    choose(null);
  };

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
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Radio.Group value={mode} onChange={(e) => { setMode(e.target.value as Mode); setKey(uuid()); }} disabled={running} data-testid="import-mode">
            <Space orientation="vertical">
              <Radio value="create">新增：表中人员均为尚未登记的人员</Radio>
              <Radio value="update">更新：表中人员均为已登记人员，按身份证号更新其信息</Radio>
            </Space>
          </Radio.Group>
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
            onChange={(info) => choose(info.fileList[0] ?? null)}
            data-testid="import-choose"
          >
            <p style={{ margin: '12px 0 4px', fontSize: 15 }}>点击或将 .xlsx 文件拖到此处</p>
            <p className="hint" style={{ marginBottom: 12 }}>一次一个文件</p>
          </Upload.Dragger>
          <Button type="primary" disabled={!file || running} loading={busy} onClick={submit} data-testid="import-submit">开始导入</Button>
          {error && <Alert type="error" showIcon title={error} data-testid="import-error" />}
        </Space>
      </Card>
      {jobId !== null && (
        <Card size="small" title="第三步：导入结果" className="section-gap" data-testid="import-job">
          {job.error ? <Alert type="error" showIcon title={errorMessage(job.error, '无法读取导入进度')} /> : <JobView job={job.data} onAgain={again} onView={() => navigate('/persons')} />}
        </Card>
      )}
    </div>
  );
}

function JobView({ job, onAgain, onView }: { job: Job | undefined; onAgain: () => void; onView: () => void }) {
  const { message } = App.useApp();
  if (!job || job.status === 'queued') return <Progress percent={0} status="active" format={() => '排队中'} data-testid="import-progress" />;
  if (job.status === 'running') {
    // While rows are read the total is not known yet (0): the bar shows work, the text the rows.
    return job.total ? (
      <Progress percent={Math.floor((job.progress / job.total) * 100)} status="active" data-testid="import-progress" />
    ) : (
      <Progress percent={100} status="active" showInfo={false} data-testid="import-progress" />
    );
  }
  const r = job.result;
  if (job.status === 'succeeded') {
    return (
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Progress percent={100} status="success" data-testid="import-progress" />
        <Alert type="success" showIcon title="导入完成" data-testid="import-result" />
        <Space size={48}>
          <Statistic title="新增" value={r?.created ?? 0} suffix="人" />
          <Statistic title="更新" value={r?.updated ?? 0} suffix="人" />
          <Statistic title="共计" value={r?.total ?? (r?.created ?? 0) + (r?.updated ?? 0)} suffix="行" />
        </Space>
        <Space>
          <Button type="primary" onClick={onView}>查看人员</Button>
          <Button onClick={onAgain}>再导入一个文件</Button>
        </Space>
      </Space>
    );
  }
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Progress percent={100} status="exception" data-testid="import-progress" />
      <Alert
        type="error"
        showIcon
        title={job.error ?? '导入失败'}
        description={r?.errorCount ? `有错误的行：${r.errorCount} 行（共 ${r.total ?? '?'} 行）。错误报告在每一行后注明了原因，改正后可直接重新导入。` : undefined}
        data-testid="import-result"
      />
      <Space>
        {r?.errorFile && (
          <Button type="primary" danger onClick={() => download(r.errorFile!, '导入错误报告.xlsx').catch((e) => message.error(errorMessage(e, '下载失败')))} data-testid="import-error-report">
            下载错误报告
          </Button>
        )}
        <Button onClick={onAgain}>重新选择文件</Button>
      </Space>
    </Space>
  );
}
