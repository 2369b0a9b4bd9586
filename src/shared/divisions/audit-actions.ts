/** The audit actions of dated divisions (区划变更, src/server/modules/divisions/changes). */
import { moduleAuditLabels } from '../audit/labels.js';

export const divisionsAudit = moduleAuditLabels(
  { divisions: '行政区划变更' },
  {
    divisions: {
      'division_change.record': '登记区划变更',
      'division_change.review': '复核通过区划变更',
      'division_change.return': '复核退回区划变更',
      'division_change.cancel': '作废区划变更',
      'division_change.apply': '区划变更生效（改码）',
      'division_change.export': '导出区划变更',
    },
  },
);
