import { useState } from 'react';
import { Alert, App, Button, List, Modal, Upload } from 'antd';
import { api, download, errorMessage } from '../../app/api';
import type { ImportAnswer } from '../../../shared/volunteers/volunteers';

/** 花名册导入: the template, the file, and the result — rows registered, or every bad row (then none is registered). */
export function ImportDialog({ onClose, onDone }: { onClose: () => void; onDone: () => void }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ImportAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const upload = async (file: File) => {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const body = new FormData();
      body.append('file', file);
      const r = await api.post<ImportAnswer>('/api/volunteers/import', body);
      setResult(r);
      if (r.registered) {
        message.success(`已导入 ${r.registered} 名志愿者`);
        onDone();
      }
    } catch (e) {
      setError(errorMessage(e, '导入失败'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title="导入志愿者花名册" onCancel={onClose} footer={<Button onClick={onClose}>关闭</Button>} destroyOnHidden>
      <p>
        请先
        <Button
          type="link"
          size="small"
          onClick={() => download('/api/volunteers/import-template', '志愿者花名册模板.xlsx').catch((e) => message.error(errorMessage(e)))}
          data-testid="volunteer-import-template"
        >
          下载模板
        </Button>
        ，按“填写说明”填好后上传。人员须已在人口库登记；未满 18 周岁的须由监护人陪同到窗口登记。任何一行有错误时整个花名册都不会导入。
      </p>
      <Upload
        accept=".xlsx"
        showUploadList={false}
        beforeUpload={(file) => {
          void upload(file);
          return false;
        }}
      >
        <Button type="primary" loading={busy} data-testid="volunteer-import-file">
          选择 Excel 文件
        </Button>
      </Upload>
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} />}
      {result && result.errors.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 12 }}
          title={`共 ${result.total} 行，其中 ${result.errors.length} 行有错误，未导入任何志愿者。请改正后重新上传：`}
          description={<List size="small" dataSource={result.errors} renderItem={(e) => <List.Item>{e.message}</List.Item>} />}
          data-testid="volunteer-import-errors"
        />
      )}
      {result && result.registered > 0 && (
        <Alert
          type="success"
          showIcon
          style={{ marginTop: 12 }}
          title={`已导入 ${result.registered} 名志愿者（登记渠道：批量导入）`}
          data-testid="volunteer-import-done"
        />
      )}
    </Modal>
  );
}
