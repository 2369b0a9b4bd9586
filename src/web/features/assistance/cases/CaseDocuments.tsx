import { useState } from 'react';
import { App, Button, Card, Select, Space, Table, Upload } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api, dateTime, errorMessage } from '../../../app/api';
import { useCan } from '../../../app/auth';
import { documentKinds } from '../../../../shared/assistance-codes';
import type { CaseDocument } from '../../../../shared/assistance/documents';

const kindOptions = Object.entries(documentKinds).map(([value, label]) => ({ value, label }));

/** 申请材料: scans and photos of a case (JPG, PNG or PDF), listed with a link that opens each. */
export function CaseDocuments({ caseId }: { caseId: number }) {
  const can = useCan();
  const { message } = App.useApp();
  const [kind, setKind] = useState<keyof typeof documentKinds>('id_card');
  const [busy, setBusy] = useState(false);
  const { data, isFetching, refetch, error } = useQuery({
    queryKey: ['assistance-documents', caseId],
    queryFn: () => api.get<CaseDocument[]>(`/api/assistance/cases/${caseId}/documents`),
  });
  const upload = async (file: File) => {
    setBusy(true);
    try {
      await postDocument(`/api/assistance/cases/${caseId}/documents`, kind, file);
      message.success(`已上传：${file.name}`);
      void refetch();
    } catch (e) {
      message.error(errorMessage(e, '上传失败'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card
      size="small"
      title="申请材料"
      className="section-gap"
      data-testid="case-documents"
      extra={
        can('assistance.apply') ? (
          <Space size={4}>
            <Select size="small" value={kind} onChange={setKind} options={kindOptions} style={{ width: 150 }} data-testid="document-kind" />
            <Upload
              accept=".jpg,.jpeg,.png,.pdf"
              showUploadList={false}
              beforeUpload={(f) => {
                void upload(f);
                return false;
              }}
            >
              <Button size="small" loading={busy} data-testid="document-upload">
                上传
              </Button>
            </Upload>
          </Space>
        ) : null
      }
    >
      <Table<CaseDocument>
        rowKey="fileId"
        size="small"
        pagination={false}
        loading={isFetching}
        dataSource={data}
        locale={{
          emptyText: error ? errorMessage(error) : '还没有材料。选择材料类别后点击“上传”，支持 JPG、PNG 图片和 PDF（扫描件或手机照片）。',
        }}
        columns={[
          { title: '类别', dataIndex: 'kindName', width: 110 },
          {
            title: '文件',
            dataIndex: 'name',
            ellipsis: true,
            render: (v: string, r) => (
              <a href={`/api/assistance/cases/${caseId}/documents/${r.fileId}`} target="_blank" rel="noopener">
                {v}
              </a>
            ),
          },
          { title: '上传时间', dataIndex: 'uploadedAt', width: 150, render: (v: string) => dateTime(v).slice(0, 16) },
        ]}
      />
    </Card>
  );
}

/** Uploads one document of a case (staff or the resident's own), its kind with it. */
export function postDocument(url: string, kind: string, file: File) {
  const body = new FormData();
  // The kind goes before the file: the server reads the fields that precede the file part.
  body.append('kind', kind);
  body.append('file', file);
  return api.post(url, body);
}
