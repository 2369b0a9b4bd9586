import { useState } from 'react';
import { Alert, App, Button, Card, Progress, Space, Statistic, Typography, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { useNavigate } from 'react-router';
import { api, download, errorMessage } from '../../app/api';
import { PageHeader } from '../../app/list';
import { useJob, uuid } from '../../app/jobs';

type MigrateResult = { created?: number; total?: number; errorCount?: number; errorFile?: string | null };

/**
 * 存量对象迁移: the recipients the old system paid, imported from .xlsx (template → upload → the
 * job's progress → counts, or the error report). One bad row and nothing is imported.
 */
export function MigratePage() {
  const [file, setFile] = useState<UploadFile | null>(null);
  // One key per chosen file: a retry of the same upload returns the first job instead of importing twice.
  const [key, setKey] = useState(uuid);
  const [jobId, setJobId] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { message } = App.useApp();
  const navigate = useNavigate();
  const job = useJob<MigrateResult>(jobId);
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
      const { jobId: id } = await api.post<{ jobId: number }>('/api/assistance/imports/recipients', body, { 'Idempotency-Key': key });
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
  const j = job.data;
  const r = j?.result;

  return (
    <div style={{ maxWidth: 900 }}>
      <PageHeader title="存量对象迁移" sub="把原系统中在享的低保、特困对象导入本系统。逐行校验：全部正确才导入；有任何一行错误则不导入任何数据，并提供错误报告。" />
      <Card size="small" title="第一步：下载模板并填写">
        <Typography.Paragraph>
          每行一户（低保）或一人（特困）。收款人和保障成员须已在人口与家庭库中登记（请先通过“花名册导入”登记人员）。身份证号、银行账号请设为“文本”格式。
        </Typography.Paragraph>
        <Button onClick={() => download('/api/assistance/imports/recipients/template', '救助对象迁移模板.xlsx').catch((e) => message.error(errorMessage(e, '下载失败')))} data-testid="migrate-template">
          下载迁移模板
        </Button>
      </Card>
      <Card size="small" title="第二步：上传填好的文件" className="section-gap">
        <Space orientation="vertical" style={{ width: '100%' }}>
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
            data-testid="migrate-choose"
          >
            <p style={{ margin: '12px 0 4px', fontSize: 15 }}>点击或将 .xlsx 文件拖到此处</p>
            <p className="hint" style={{ marginBottom: 12 }}>一次一个文件</p>
          </Upload.Dragger>
          <Button type="primary" disabled={!file || running} loading={busy} onClick={() => void submit()} data-testid="migrate-submit">开始导入</Button>
          {error && <Alert type="error" showIcon title={error} data-testid="migrate-error" />}
        </Space>
      </Card>
      {jobId !== null && (
        <Card size="small" title="第三步：导入结果" className="section-gap" data-testid="migrate-job">
          {job.error ? (
            <Alert type="error" showIcon title={errorMessage(job.error, '无法读取导入进度')} />
          ) : !j || j.status === 'queued' ? (
            <Progress percent={0} status="active" format={() => '排队中'} />
          ) : j.status === 'running' ? (
            <Progress percent={j.total ? Math.floor((j.progress / j.total) * 100) : 100} showInfo={Boolean(j.total)} status="active" />
          ) : j.status === 'succeeded' ? (
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Progress percent={100} status="success" />
              <Alert type="success" showIcon title="导入完成" data-testid="migrate-result" />
              <Space size={48}>
                <Statistic title="导入待遇" value={r?.created ?? 0} suffix="条" />
                <Statistic title="共计" value={r?.total ?? r?.created ?? 0} suffix="行" />
              </Space>
              <Space>
                <Button type="primary" onClick={() => navigate('/assistance/recipients')}>查看救助对象</Button>
                <Button onClick={again}>再导入一个文件</Button>
              </Space>
            </Space>
          ) : (
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Progress percent={100} status="exception" />
              <Alert
                type="error"
                showIcon
                title={j.error ?? '导入失败'}
                description={r?.errorCount ? `有错误的行：${r.errorCount} 行（共 ${r.total ?? '?'} 行）。错误报告在每一行后注明了原因，改正后可直接重新导入。` : undefined}
                data-testid="migrate-result"
              />
              <Space>
                {r?.errorFile && (
                  <Button type="primary" danger onClick={() => download(r.errorFile!, '救助对象导入错误报告.xlsx').catch((e) => message.error(errorMessage(e, '下载失败')))} data-testid="migrate-error-report">
                    下载错误报告
                  </Button>
                )}
                <Button onClick={again}>重新选择文件</Button>
              </Space>
            </Space>
          )}
        </Card>
      )}
    </div>
  );
}
