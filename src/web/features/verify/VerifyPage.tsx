import { useEffect, useState } from 'react';
import { App, Button, ConfigProvider, Input, Spin } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import { api, errorMessage } from '../../app/api';
import { useCan } from '../../app/auth';
import { normaliseCode, verifyStatuses, type RevokeAnswer, type VerifyAnswer } from '../../../shared/verify/documents';
import './verify.css';

/**
 * 文书核验 (public, no login): what a document's QR opens, `/verify/<code>`, or a code typed from the
 * paper at `/verify`. It shows 有效, 已撤销 with the date, or 无法验证, and what was issued — the masked
 * name, the document, its 文号, the issuer and the date. Phone first: one column, large text, nothing
 * wider than a 375 px screen. A signed-in holder of 撤销已签发的文书 may revoke a valid one here, with
 * a reason (docs/verifiable-documents.md "Revocation").
 */
export function VerifyPage() {
  const { code = '' } = useParams();
  const navigate = useNavigate();
  const [typed, setTyped] = useState(code);
  useEffect(() => setTyped(code), [code]);
  const { data, isFetching, error } = useQuery({
    queryKey: ['verify', code],
    queryFn: () => api.get<VerifyAnswer>(`/api/verify/${encodeURIComponent(normaliseCode(code))}`),
    enabled: code !== '',
    retry: false,
  });
  const check = () => {
    const c = normaliseCode(typed);
    if (c) void navigate(`/verify/${c}`);
  };

  return (
    <ConfigProvider theme={{ token: { fontSize: 17, controlHeight: 44 } }}>
      <App component={false}>
        <div className="verify-root" data-testid="verify-root">
          <header className="verify-header">济民 · 文书核验</header>
          <main className="verify-main">
            {code !== '' && (
              <section className="verify-card" data-testid="verify-result">
                {isFetching ? (
                  <Spin style={{ display: 'block', margin: 24 }} />
                ) : error ? (
                  <p className="verify-message" data-testid="verify-error">
                    {errorMessage(error, '核验失败，请稍后重试')}
                  </p>
                ) : data ? (
                  <Result answer={data} />
                ) : null}
              </section>
            )}
            <section className="verify-card">
              <label htmlFor="verify-code-input" style={{ display: 'block', marginBottom: 8, fontWeight: 600 }}>
                {code ? '核验其他文书' : '输入文书上的核验编码'}
              </label>
              <Input.TextArea
                id="verify-code-input"
                value={typed}
                onChange={(e) => setTyped(e.target.value)}
                autoSize={{ minRows: 2, maxRows: 6 }}
                placeholder="扫描文书上的二维码，或输入二维码旁的核验编码（可含空格）"
                data-testid="verify-input"
              />
              <Button
                type="primary"
                block
                style={{ marginTop: 12 }}
                onClick={check}
                disabled={!normaliseCode(typed)}
                data-testid="verify-submit"
              >
                核验
              </Button>
            </section>
            <p className="verify-note">
              本页面核验由济民平台签发的文书（如社会救助批准通知书）是否真实有效。为保护个人信息，姓名已部分隐藏，不显示身份证号和联系方式。对文书内容有疑问的，请向签发机关咨询。
            </p>
          </main>
        </div>
      </App>
    </ConfigProvider>
  );
}

function Result({ answer }: { answer: VerifyAnswer }) {
  const doc = answer.document;
  return (
    <>
      <p className={`verify-status ${answer.status}`} data-testid="verify-status">
        {verifyStatuses[answer.status]}
      </p>
      <p className="verify-message" data-testid="verify-message">
        {answer.message}
      </p>
      {doc && (
        <dl className="verify-fields" data-testid="verify-document">
          <dt>文书</dt>
          <dd data-testid="verify-title">{doc.title}</dd>
          <dt>编号</dt>
          <dd data-testid="verify-number">{doc.number}</dd>
          <dt>姓名</dt>
          <dd data-testid="verify-holder">{doc.holder}</dd>
          {doc.lines.map((l) => (
            <FieldRow key={l.label} label={l.label} value={l.value} />
          ))}
          <dt>签发机关</dt>
          <dd data-testid="verify-issuer">{doc.issuer}</dd>
          <dt>签发日期</dt>
          <dd>{doc.issuedOn}</dd>
          {answer.revokedOn && (
            <>
              <dt>撤销日期</dt>
              <dd data-testid="verify-revoked-on">{answer.revokedOn}</dd>
            </>
          )}
        </dl>
      )}
      {doc && answer.status === 'valid' && <Revoke documentId={doc.documentId} />}
    </>
  );
}

const FieldRow = ({ label, value }: { label: string; value: string }) => (
  <>
    <dt>{label}</dt>
    <dd>{value}</dd>
  </>
);

/** For a signed-in holder of document.revoke: revoke with a reason (the server answers 404 outside the issuer's jurisdiction). */
function Revoke({ documentId }: { documentId: number }) {
  const can = useCan();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const revoke = useMutation({
    mutationFn: () => api.post<RevokeAnswer>(`/api/documents/${documentId}/revoke`, { reason: reason.trim() }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['verify'] }),
  });
  if (!can('document.revoke')) return null;
  if (!open)
    return (
      <Button danger block style={{ marginTop: 16 }} onClick={() => setOpen(true)} data-testid="verify-revoke-open">
        撤销此文书
      </Button>
    );
  return (
    <div style={{ marginTop: 16 }}>
      <label htmlFor="verify-revoke-reason" style={{ display: 'block', marginBottom: 8 }}>
        撤销原因（撤销后此文书核验显示“已撤销”，不可恢复）
      </label>
      <Input.TextArea
        id="verify-revoke-reason"
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        maxLength={200}
        autoSize={{ minRows: 2 }}
        data-testid="verify-revoke-reason"
      />
      {revoke.error && (
        <p className="verify-message" style={{ color: '#a8071a' }} data-testid="verify-revoke-error">
          {errorMessage(revoke.error)}
        </p>
      )}
      <Button
        danger
        type="primary"
        block
        style={{ marginTop: 12 }}
        loading={revoke.isPending}
        disabled={reason.trim().length < 2}
        onClick={() => revoke.mutate()}
        data-testid="verify-revoke"
      >
        确认撤销
      </Button>
    </div>
  );
}
