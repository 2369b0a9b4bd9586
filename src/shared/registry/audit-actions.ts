/**
 * The registry's audit actions (src/server/modules/registry), with their labels.
 */
import { moduleAuditLabels } from '../audit/labels.js';

export const registryAudit = moduleAuditLabels(
  { registry: '人口与家庭' },
  {
    registry: {
      'person.create': '登记人员',
      'person.update': '修改人员',
      'person.open': '查看人员档案',
      'person.unmask': '查看敏感信息原文',
      'person.search': '查询人员',
      'person.export': '导出人员',
      'person.import_create': '导入新增人员',
      'person.import_update': '导入更新人员',
      'person.confirm_hukou': '确认户籍地',
      'person.death': '登记死亡',
      'person.death_revoke': '撤销死亡登记',
      'person.marital_status': '变更婚姻状况',
      'person.hukou_move_in': '户口迁入',
      'person.hukou_move_out': '户口迁出',
      'person.residence': '变更居住地',
      'person.relation_add': '登记人员关系',
      'person.relation_end': '终止人员关系',
      'person.work_away': '登记外出务工',
      'person.work_away_end': '登记外出务工返回',
      'person.schooling': '登记在校就读',
      'person.schooling_end': '登记离校',
      'household.create': '登记家庭',
      'household.open': '查看家庭档案',
      'household.search': '查询家庭',
      'household.export': '导出家庭',
      'household.add_member': '添加家庭成员',
      'household.remove_member': '移出家庭成员',
      'benefit.create': '登记待遇',
      'benefit.end': '终止待遇',
    },
  },
);
