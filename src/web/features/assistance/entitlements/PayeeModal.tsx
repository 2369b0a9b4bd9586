import { Form, Input, Select } from 'antd';
import { api } from '../../../app/api';
import { useSubmit } from '../../../app/forms';
import { FormDialog } from '../../../components/FormDialog';
import type { ChangePayeeInput, EntitlementDetail } from '../../../../shared/assistance/entitlements';

/** 变更领取人: another living covered member of 18 or over, with the bank account the roll pays them into. */
export function PayeeModal({ e, onClose, onDone }: { e: EntitlementDetail; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<Omit<ChangePayeeInput, 'version'>>();
  const { error, busy, run } = useSubmit(onDone, onClose);
  return (
    <FormDialog
      title="变更领取人"
      testId="payee"
      confirm="确定变更"
      busy={busy}
      error={error}
      onClose={onClose}
      onOk={() => form.submit()}
      intro="新的领取人应为本待遇保障的、年满 18 周岁的家庭成员。变更后，发放名册和代发文件使用新领取人的账户。"
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          run(form, () => api.post(`/api/assistance/entitlements/${e.id}/payee`, { ...v, version: e.version }), '已变更领取人')
        }
      >
        <Form.Item name="payeePersonId" label="新的领取人" rules={[{ required: true, message: '请选择新的领取人' }]}>
          <Select
            options={e.payeeCandidates.map((m) => ({ value: m.personId, label: m.name }))}
            notFoundContent="没有可作领取人的成员（须为保障成员且年满 18 周岁）"
            data-testid="payee-person"
          />
        </Form.Item>
        <Form.Item name="bankName" label="开户银行" rules={[{ required: true, message: '请填写开户银行' }]}>
          <Input maxLength={50} data-testid="payee-bank" />
        </Form.Item>
        <Form.Item name="bankAccount" label="银行账号" rules={[{ required: true, message: '请填写银行账号' }]}>
          <Input maxLength={30} inputMode="numeric" data-testid="payee-account" />
        </Form.Item>
        <Form.Item name="reason" label="变更原因" rules={[{ required: true, message: '请填写变更原因' }]}>
          <Input.TextArea rows={2} maxLength={1000} data-testid="payee-reason" />
        </Form.Item>
      </Form>
    </FormDialog>
  );
}
