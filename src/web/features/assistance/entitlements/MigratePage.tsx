import { App, Button, Card, Statistic, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { download, errorMessage } from '../../../app/api';
import { PageHeader } from '../../../app/list';
import { useUploadJob } from '../../../app/jobs';
import { ImportJobResult, XlsxUpload } from '../../../components/UploadJob';
import type { EntitlementImportResult as MigrateResult } from '../../../../shared/assistance/entitlements';

/**
 * 存量对象迁移: the recipients the old system paid, imported from .xlsx (template → upload → the
 * job's progress → counts, or the error report). One bad row and nothing is imported.
 */
export function MigratePage() {
  const upload = useUploadJob<MigrateResult>();
  const { message } = App.useApp();
  const navigate = useNavigate();

  return (
    <div style={{ maxWidth: 900 }}>
      <PageHeader
        title="存量对象迁移"
        sub="把原系统中在享的低保、特困对象导入本系统。逐行校验：全部正确才导入；有任何一行错误则不导入任何数据，并提供错误报告。"
      />
      <Card size="small" title="第一步：下载模板并填写">
        <Typography.Paragraph>
          每行一户（低保）或一人（特困）。收款人和保障成员须已在人口与家庭库中登记（请先通过“花名册导入”登记人员）。身份证号、银行账号请设为“文本”格式。
        </Typography.Paragraph>
        <Button
          onClick={() =>
            download('/api/assistance/imports/entitlements/template', '救助对象迁移模板.xlsx').catch((e) =>
              message.error(errorMessage(e, '下载失败')),
            )
          }
          data-testid="migrate-template"
        >
          下载迁移模板
        </Button>
      </Card>
      <Card size="small" title="第二步：上传填好的文件" className="section-gap">
        <XlsxUpload upload={upload} testId="migrate" onSubmit={() => upload.submit('/api/assistance/imports/entitlements')} />
      </Card>
      <ImportJobResult
        upload={upload}
        testId="migrate"
        errorReportName="救助对象导入错误报告.xlsx"
        view={
          <Button type="primary" onClick={() => navigate('/assistance/entitlements')}>
            查看救助对象
          </Button>
        }
        stats={(r) => (
          <>
            <Statistic title="导入待遇" value={r?.created ?? 0} suffix="条" />
            <Statistic title="共计" value={r?.total ?? r?.created ?? 0} suffix="行" />
          </>
        )}
      />
    </div>
  );
}
