/** Audit actions, object types and detail keys as the auditor reads them (codes: src/server, `audit(...)` calls). */
export const actionNames: Record<string, string> = {
  'auth.login': '登录',
  'auth.logout': '退出',
  'auth.lock': '账号锁定',
  'auth.session_expired': '会话超时',
  'auth.password_change': '修改密码',
  'auth.totp_enable': '启用动态口令',
  'auth.totp_change': '更换动态口令',
  'auth.totp_disable': '关闭动态口令',
  'person.create': '登记人员',
  'person.update': '修改人员',
  'person.open': '查看人员档案',
  'person.unmask': '查看敏感信息原文',
  'person.search': '查询人员',
  'person.export': '导出人员',
  'person.import_create': '导入新增人员',
  'person.import_update': '导入更新人员',
  'household.create': '登记家庭',
  'household.open': '查看家庭档案',
  'household.search': '查询家庭',
  'household.export': '导出家庭',
  'household.add_member': '添加家庭成员',
  'household.remove_member': '移出家庭成员',
  'benefit.create': '登记待遇',
  'benefit.end': '终止待遇',
  'user.create': '新建用户',
  'user.update': '修改用户',
  'user.roles_change': '变更角色',
  'user.password_reset': '重置密码',
  'user.search': '查询用户',
  'user.export': '导出用户',
  'role.update': '修改角色',
  'organisation.create': '新建组织',
  'organisation.update': '修改组织',
  'audit.search': '查询审计日志',
  'audit.export': '导出审计日志',
  'audit.verify': '校验哈希链',
  'portal.signup_start': '居民注册申请',
  'portal.signup': '居民注册',
  'outbox.read': '查看发件箱',
  // A stored ciphertext failed its integrity check; the field was shown as 数据校验失败 (D7).
  'crypto.integrity_failed': '数据校验失败（密文可能被篡改）',
  'assistance.entitlement.account_change': '更正发放账户',
};

export const objectTypes: Record<string, string> = {
  person: '人员',
  household: '家庭',
  benefit: '待遇记录',
  user: '用户',
  role: '角色',
  organisation: '组织',
  audit: '审计日志',
  signup: '居民注册',
  outbox: '发件箱',
  assistance_case: '救助案件',
  assistance_entitlement: '救助待遇',
};

const detailKeys: Record<string, string> = {
  reason: '事由',
  count: '结果数',
  filter: '条件',
  fields: '字段',
  field: '字段',
  more: '另有',
  before: '修改前',
  after: '修改后',
  personId: '人员编号',
  minutes: '分钟',
  ok: '结果',
  checked: '已校验',
  roles: '角色',
  divisionCode: '区划',
  type: '类别',
  monthlyAmountFen: '月金额（分）',
  endMonth: '截止月份',
  jobId: '任务',
  rows: '行数',
  members: '成员数',
  otherSessionsEnded: '结束的其他会话数',
  account: '账号情况',
};

/** `{reason: '入户核查身份', count: 3}` → 事由：入户核查身份；结果数：3 */
export function detailsText(details: Record<string, unknown> | null | undefined): string {
  if (!details) return '';
  return Object.entries(details)
    .map(([k, v]) => `${detailKeys[k] ?? k}：${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join('；');
}
