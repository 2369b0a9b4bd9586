import { useState } from 'react';
import { Alert, App, Button, Card, Empty, Select, Space, Spin, Typography, Upload } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { postDocument } from '../assistance/cases/CaseDocuments';
import { api, ApiError, dateTime, errorMessage } from '../../app/api';
import { documentKinds } from '../../../shared/assistance-codes';
import { PortalLayout } from './PortalLayout';
import { approvedMessage } from './approved-message';
import type { MyCase } from '../../../shared/assistance/portal';

const badgeOf = (status: string) =>
  ['approved', 'paid_first'].includes(status)
    ? 'green'
    : ['refused', 'rejected'].includes(status)
      ? 'red'
      : status === 'supplementing'
        ? 'orange'
        : status === 'withdrawn'
          ? 'grey'
          : 'blue';

/** The case's status as a badge whose colours keep their contrast in 长辈版 (antd's preset tags do not). */
function StatusBadge({ status, name }: { status: string; name: string }) {
  return (
    <span className={`portal-badge portal-badge-${badgeOf(status)}`} data-testid="case-status">
      {name}
    </span>
  );
}

/** 我的申请: status of each application, what is missing (shown first), and 已补正，重新提交. */
export function MyApplicationsPage() {
  const { data, isLoading, error, refetch } = useQuery({
    queryKey: ['portal-assistance'],
    queryFn: () => api.get<MyCase[]>('/api/portal/assistance'),
  });
  const navigate = useNavigate();
  return (
    <PortalLayout>
      <Card
        size="small"
        title="我的申请"
        extra={
          <Button type="primary" onClick={() => navigate('/portal/assistance/apply')}>
            申请救助
          </Button>
        }
      >
        {error ? (
          <Alert type="error" showIcon title={errorMessage(error, '加载失败')} />
        ) : isLoading || !data ? (
          <Spin style={{ display: 'block', margin: 40 }} />
        ) : data.length === 0 ? (
          <Empty description="您还没有提交过社会救助申请。家庭生活困难的，可点击“申请救助”在网上申请。" />
        ) : (
          <Space orientation="vertical" style={{ width: '100%' }} size={12}>
            {data.map((c) => (
              <CaseItem key={c.id} c={c} onChanged={() => void refetch()} />
            ))}
          </Space>
        )}
      </Card>
    </PortalLayout>
  );
}

function CaseItem({ c, onChanged }: { c: MyCase; onChanged: () => void }) {
  const [busy, setBusy] = useState(false);
  const { message } = App.useApp();
  const resubmit = async () => {
    setBusy(true);
    try {
      await api.post(`/api/portal/assistance/${c.id}/resubmit`, { version: c.version });
      message.success('已重新提交，请等待乡镇（街道）受理');
    } catch (e) {
      message.error(e instanceof ApiError && e.status === 409 ? `${e.message}` : errorMessage(e, '提交失败'));
    } finally {
      setBusy(false);
      onChanged();
    }
  };
  return (
    <Card
      size="small"
      type="inner"
      data-testid="my-case"
      title={
        <Space wrap size={[8, 0]}>
          <b>{c.categoryName}</b>
          <span className="hint">申请编号 {c.caseNo}</span>
        </Space>
      }
      extra={<StatusBadge status={c.status} name={c.statusName} />}
    >
      <Typography.Text type="secondary">提交时间 {dateTime(c.createdAt)}</Typography.Text>
      {c.householdProposed && (
        <div className="hint" style={{ marginTop: 4 }} data-testid="my-case-household-proposed">
          您填写的家庭信息将由乡镇（街道）核实，受理时登记入人口与家庭库。
        </div>
      )}
      {c.missing && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 8 }}
          data-testid="my-case-missing"
          title="请补正以下材料（一次性告知）"
          description={
            <>
              <div style={{ whiteSpace: 'pre-wrap', margin: '4px 0 8px' }}>{c.missing}</div>
              <div className="hint" style={{ marginBottom: 8 }}>
                可在下方上传材料的照片或扫描件，也可将材料交到户籍所在地乡镇（街道）便民服务中心或村（居）委会；补齐后点击“已补正，重新提交”。
              </div>
              <Button type="primary" loading={busy} onClick={resubmit} data-testid="my-case-resubmit">
                已补正，重新提交
              </Button>
            </>
          }
        />
      )}
      {open(c.status) && <UploadDocument caseId={c.id} />}
      {c.decision && (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 8 }}
          title="不予批准的理由"
          description={
            <>
              {c.decision}
              <div className="hint">对决定不服的，可自收到书面通知之日起 60 日内申请行政复议，或 6 个月内提起行政诉讼。</div>
            </>
          }
        />
      )}
      {c.status === 'approved' && (
        <div style={{ marginTop: 8 }} data-testid="my-case-approved">
          {approvedMessage(c.category)}
        </div>
      )}
      {c.status === 'notice' && (
        <div style={{ marginTop: 8 }} className="hint">
          正在所在村（社区）公示 7 天，公示期满无异议后审批。
        </div>
      )}
    </Card>
  );
}

const finished = ['approved', 'refused', 'rejected', 'withdrawn'];
const open = (status: string) => !finished.includes(status);

/** Photos or scans of the documents, sent to the application (JPG, PNG or PDF). */
function UploadDocument({ caseId }: { caseId: number }) {
  const { message } = App.useApp();
  const [kind, setKind] = useState<keyof typeof documentKinds>('income');
  const [sent, setSent] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const upload = async (file: File) => {
    setBusy(true);
    try {
      await postDocument(`/api/portal/assistance/${caseId}/documents`, kind, file);
      setSent((s) => [...s, `${documentKinds[kind]}：${file.name}`]);
      message.success('材料已上传');
    } catch (e) {
      message.error(errorMessage(e, '上传失败'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div style={{ marginTop: 10 }}>
      <Space wrap>
        <span>上传材料</span>
        <Select
          value={kind}
          onChange={setKind}
          options={Object.entries(documentKinds).map(([value, label]) => ({ value, label }))}
          style={{ minWidth: 170 }}
          aria-label="材料类别"
        />
        <Upload
          accept=".jpg,.jpeg,.png,.pdf"
          showUploadList={false}
          beforeUpload={(f) => {
            void upload(f);
            return false;
          }}
        >
          <Button loading={busy} data-testid="my-case-upload">
            选择文件
          </Button>
        </Upload>
        <span className="hint">JPG、PNG 照片或 PDF 扫描件</span>
      </Space>
      {sent.length > 0 && (
        <ul style={{ margin: '6px 0 0', paddingInlineStart: 20 }}>
          {sent.map((n, i) => (
            <li key={i}>已上传 {n}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
