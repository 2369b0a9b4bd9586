import { Alert, Form, Input, Spin, Table } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api, dateTime, errorMessage } from '../../app/api';
import { useSubmit } from '../../app/forms';
import { FormDialog } from '../../components/FormDialog';
import { payeeChangeSources, type AccountCorrected, type PayeeAccount, type PayeeAccountChange } from '../../../shared/payees/accounts';

/**
 * 更正发放账户 on the platform's payee account (GET/POST /api/payees/<programme>/:id): the programme's
 * bank files (补发 too) use the new account; the old one stays, masked, in the account's history, which
 * the dialog shows.
 */
export function AccountModal({
  programme,
  id,
  onClose,
  onDone,
}: {
  programme: string;
  id: number;
  onClose: () => void;
  onDone: () => void;
}) {
  const [form] = Form.useForm<{ bankName: string; bankAccount: string; reason: string }>();
  const { error, busy, run } = useSubmit(onDone, onClose);
  const account = useQuery({
    queryKey: ['payee-account', programme, id],
    queryFn: () => api.get<PayeeAccount>(`/api/payees/${programme}/${id}`),
  });
  const a = account.data;
  return (
    <FormDialog
      title="更正发放账户"
      testId="account"
      confirm="确定更正"
      busy={busy}
      error={error}
      onClose={onClose}
      onOk={() => form.submit()}
      intro={
        <>
          现账户：{a ? `${a.bankName ?? '—'} ${a.bankAccount ?? ''}` : '……'}
          。更正后，发放失败的待遇在导出补发文件时使用新账户，原账户脱敏记入变更记录。
        </>
      }
    >
      {account.error && <Alert type="error" showIcon title={errorMessage(account.error)} style={{ marginBottom: 12 }} />}
      {!a && !account.error && <Spin style={{ display: 'block', margin: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          a &&
          run(
            form,
            () =>
              api.post<AccountCorrected>(`/api/payees/${programme}/${id}/account`, {
                bankName: v.bankName.trim(),
                bankAccount: v.bankAccount.trim(),
                reason: v.reason.trim(),
                version: a.version,
              }),
            '已更正发放账户',
          )
        }
      >
        <Form.Item name="bankName" label="开户银行" rules={[{ required: true, whitespace: true, min: 2, message: '请填写开户银行' }]}>
          <Input maxLength={50} data-testid="account-bank" />
        </Form.Item>
        <Form.Item
          name="bankAccount"
          label="银行账号"
          rules={[{ required: true, pattern: /^\d{8,30}$/, message: '银行账号应为 8–30 位数字' }]}
        >
          <Input maxLength={30} inputMode="numeric" data-testid="account-number" />
        </Form.Item>
        <Form.Item name="reason" label="更正原因" rules={[{ required: true, whitespace: true, min: 2, message: '请填写更正原因' }]}>
          <Input.TextArea
            rows={2}
            maxLength={1000}
            showCount
            placeholder="如：原账户已销户，经核实更换为本人新开账户"
            data-testid="account-reason"
          />
        </Form.Item>
      </Form>
      {a && a.history.length > 0 && (
        <Table<PayeeAccountChange>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={a.history}
          data-testid="account-history"
          title={() => '账户变更记录（脱敏）'}
          columns={[
            { title: '时间', dataIndex: 'at', width: 150, render: (v: string) => dateTime(v) },
            { title: '事项', dataIndex: 'source', width: 110, render: (v: PayeeAccountChange['source']) => payeeChangeSources[v] },
            {
              title: '原账户 → 新账户',
              key: 'change',
              render: (_: unknown, h) =>
                `${h.previousBankName ?? '无'} ${h.previousAccount ?? ''} → ${h.bankName ?? '无'} ${h.account ?? ''}`,
            },
            { title: '理由', dataIndex: 'reason', render: (v: string | null) => v ?? '' },
          ]}
        />
      )}
    </FormDialog>
  );
}
