/**
 * The audit actions of reading the audit log itself (src/server/modules/audit), with their labels.
 */
import { moduleAuditLabels } from './labels.js';

export const auditAudit = moduleAuditLabels(
  { audit: '安全审计' },
  {
    audit: {
      'audit.search': '查询审计日志',
      'audit.export': '导出审计日志',
      'audit.verify': '校验哈希链',
    },
  },
);
