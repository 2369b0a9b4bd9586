/** 银行代发格式: the banks' file formats of the platform's payment programmes (src/server/platform/payments). */
import { paymentsAudit } from '../../../shared/payments/audit-actions';
import { lazyPage, type WebModule } from '../../app/module';

export const paymentsModule: WebModule = {
  name: 'payments',
  pages: [
    {
      path: '/admin/bank-formats',
      page: lazyPage(() => import('./BankFormatsPage'), 'BankFormatsPage'),
      permission: 'payments.bank_formats',
      menu: { group: '系统管理', label: '银行代发格式' },
    },
  ],
  auditLabels: paymentsAudit,
};
