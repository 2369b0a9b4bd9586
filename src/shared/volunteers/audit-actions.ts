/** The audit actions 志愿服务 writes (src/server/modules/volunteers), with the Chinese an auditor reads. */
import { moduleAuditLabels } from '../audit/labels.js';

export const volunteersAudit = moduleAuditLabels(
  { volunteers: '志愿服务' },
  {
    volunteers: {
      'volunteer.register': '注册志愿者',
      'volunteer.reregister': '志愿者重新注册',
      'volunteer.correct': '更正志愿者信息',
      'volunteer.deregister': '注销志愿者',
      'volunteer.export': '导出志愿者名单',
    },
  },
);
