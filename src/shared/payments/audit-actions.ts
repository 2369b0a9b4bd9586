/**
 * The audit actions of the platform's payee accounts and payment programmes (src/server/platform/payees,
 * payments). What a programme does with them (a roll built, a bank file exported, an account corrected)
 * is audited by the programme under its own actions (社会救助: src/shared/assistance/audit-actions.ts).
 */
import { moduleAuditLabels } from '../audit/labels.js';

export const paymentsAudit = moduleAuditLabels(
  { payments: '发放账户与银行代发格式' },
  {
    payments: {
      'payee.open': '查看发放账户',
      'bank_format.create': '新增银行代发格式',
      'bank_format.update': '修改银行代发格式',
      'bank_format.retire': '停用银行代发格式',
      'bank_format.restore': '启用银行代发格式',
    },
  },
);
