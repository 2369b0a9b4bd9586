/**
 * The resident portal's audit actions (src/server/modules/portal), with their labels.
 */
import { moduleAuditLabels } from '../audit/labels.js';

export const portalAudit = moduleAuditLabels(
  { portal: '居民服务' },
  {
    portal: {
      'portal.signup_start': '居民注册申请',
      'portal.signup': '居民注册',
    },
  },
);
