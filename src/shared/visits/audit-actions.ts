/**
 * The audit actions of the platform's visits (src/server/platform/visits): a visit recorded, its photo
 * uploaded and opened, a worker assigned, a division's list exported, a person's visits read.
 */
import { moduleAuditLabels } from '../audit/labels.js';

export const visitsAudit = moduleAuditLabels(
  { visits: '探访' },
  {
    visits: {
      'visit.record': '登记探访',
      'visit.photo_upload': '上传探访照片',
      'visit.photo_open': '查看探访照片',
      'visit.assign': '分配探访人员',
      'visit.history': '查看探访记录',
      'visit.list': '查看探访名单',
      'visit.export': '导出探访计划',
    },
  },
);
