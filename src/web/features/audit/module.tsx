/** 安全审计: the audit log, for auditors. */
import { auditAudit } from '../../../shared/audit/audit-actions';
import { lazyPage, type WebModule } from '../../app/module';

export const auditModule: WebModule = {
  name: 'audit',
  pages: [
    {
      path: '/audit',
      page: lazyPage(() => import('./AuditPage'), 'AuditPage'),
      permission: 'audit.read',
      menu: { group: '安全审计', label: '审计日志' },
    },
  ],
  auditLabels: auditAudit,
};
