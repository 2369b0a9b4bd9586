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
      'volunteer.import': '导入志愿者花名册',
      'volunteer.death': '志愿者去世注销（人口库登记）',
      'volunteer.death_revoked': '撤销死亡登记后恢复志愿者在册',
      'volunteer.hukou_moved_out': '户口迁出本市注销志愿者（人口库登记）',
      'volunteer.hukou_moved_in': '户口迁回本市恢复志愿者在册',
    },
  },
);
