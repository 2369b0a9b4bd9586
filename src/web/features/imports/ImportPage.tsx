import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Progress, Radio, Space, Typography, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { api, ApiError, download } from '../../app/api';

interface Job {
  id: number;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  progress: number;
  total: number;
  error: string | null;
  result: { created?: number; updated?: number; total?: number; errorCount?: number; errorFile: string | null };
}

export function ImportPage() {
  const [mode, setMode] = useState<'create' | 'update'>('create');
  const [file, setFile] = useState<UploadFile | null>(null);
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { message } = App.useApp();

  useEffect(() => {
    if (!job || job.status === 'succeeded' || job.status === 'failed') return;
    const t = setTimeout(async () => setJob(await api.get<Job>(`/api/jobs/${job.id}`)), 1000);
    return () => clearTimeout(t);
  }, [job]);

  const submit = async () => {
    if (!file?.originFileObj) return;
    setError(null);
    setJob(null);
    const form = new FormData();
    form.append('file', file.originFileObj);
    try {
      const { jobId } = await api.post<{ jobId: number }>(`/api/imports/persons?mode=${mode}`, form, { 'Idempotency-Key': crypto.randomUUID() });
      setJob(await api.get<Job>(`/api/jobs/${jobId}`));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '上传失败');
    }
  };
  const percent = job ? (job.status === 'succeeded' ? 100 : job.total ? Math.round((job.progress / job.total) * 100) : 0) : 0;
  return (
    <div style={{ maxWidth: 820 }}>
      <h2 className="page-title">花名册导入</h2>
      <Card size="small" title="1. 下载模板并填写">
        <Typography.Paragraph>按模板填写人员花名册（第 1 行为表头，不要修改），每人一行。导入时逐行校验：全部正确才会导入；有任何一行错误则不导入任何数据，并提供错误报告。</Typography.Paragraph>
        <Button onClick={() => download('/api/imports/persons/template', '人员花名册模板.xlsx').catch(() => message.error('下载失败'))}>下载模板</Button>
      </Card>
      <Card size="small" title="2. 选择方式并上传" style={{ marginTop: 16 }}>
        <Space direction="vertical">
          <Radio.Group value={mode} onChange={(e) => setMode(e.target.value)}>
            <Radio value="create">新增：表中人员均为尚未登记的人员</Radio>
            <Radio value="update">更新：表中人员均为已登记人员，按身份证号更新信息</Radio>
          </Radio.Group>
          <Upload
            accept=".xlsx"
            maxCount={1}
            beforeUpload={() => false}
            fileList={file ? [file] : []}
            onChange={(info) => setFile(info.fileList[0] ?? null)}
          >
            <Button data-testid="import-choose">选择 .xlsx 文件</Button>
          </Upload>
          <Button type="primary" disabled={!file} onClick={submit} data-testid="import-submit">开始导入</Button>
        </Space>
      </Card>
      {error && <Alert type="error" showIcon message={error} style={{ marginTop: 16 }} />}
      {job && (
        <Card size="small" title="3. 导入结果" style={{ marginTop: 16 }}>
          <Progress percent={percent} status={job.status === 'failed' ? 'exception' : job.status === 'succeeded' ? 'success' : 'active'} />
          {job.status === 'succeeded' && <Alert type="success" showIcon message={`导入完成：新增 ${job.result.created ?? 0} 人，更新 ${job.result.updated ?? 0} 人`} data-testid="import-result" />}
          {job.status === 'failed' && (
            <Alert
              type="error"
              showIcon
              message={job.error}
              data-testid="import-result"
              action={job.result.errorFile ? <Button size="small" onClick={() => download(job.result.errorFile!, '导入错误报告.xlsx')}>下载错误报告</Button> : undefined}
            />
          )}
          {(job.status === 'queued' || job.status === 'running') && <Typography.Text type="secondary">正在处理，已校验 {job.progress} 行…</Typography.Text>}
        </Card>
      )}
    </div>
  );
}
