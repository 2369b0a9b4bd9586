/** The audit actions 高龄津贴 writes (src/server/modules/elderly-allowance), with the Chinese an auditor reads. */
import { moduleAuditLabels } from '../audit/labels.js';

export const elderlyAllowanceAudit = moduleAuditLabels(
  { elderly_allowance: '高龄津贴' },
  {
    elderly_allowance: {
      'elderly_allowance.open': '列入高龄津贴待确认名单',
      'elderly_allowance.confirm': '确认高龄津贴首次发放',
      'elderly_allowance.refuse': '高龄津贴不予发放',
      'elderly_allowance.death': '高龄津贴因死亡停发',
      'elderly_allowance.death_revoked': '撤销死亡登记后恢复高龄津贴',
      'elderly_allowance.hukou_moved_out': '高龄津贴因户口迁出停发',
      'elderly_allowance.hukou_moved_in': '户口迁回后恢复高龄津贴',
      'elderly_allowance.account_change': '更正高龄津贴发放账户',
      'elderly_allowance.reopen': '重新受理高龄津贴（不予发放后）',
      'elderly_allowance.stop': '乡镇停发高龄津贴',
      'elderly_allowance.resume': '乡镇恢复发放高龄津贴',
      'elderly_allowance.export': '导出高龄津贴名单',
      'elderly_allowance.stats.export': '导出高龄津贴统计',
      'elderly_allowance.amounts.set': '录入高龄津贴标准',
      'elderly_allowance.roll.build': '编制高龄津贴发放名册',
      'elderly_allowance.roll.approve': '审核高龄津贴发放名册',
      'elderly_allowance.roll.pdf': '打印高龄津贴发放名册',
      'elderly_allowance.roll.bank_file': '导出高龄津贴银行代发文件',
      'elderly_allowance.roll.bank_result': '导入高龄津贴银行回盘',
      'elderly_allowance.roll.lines': '查看高龄津贴名册明细',
    },
  },
);
