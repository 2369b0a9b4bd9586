/** Social assistance's permissions (src/server/modules/assistance), code → Chinese name. */
export const assistancePermissions = {
  'assistance.read': '查看社会救助案件和名册',
  'assistance.apply': '受理社会救助申请',
  'assistance.handle': '办理社会救助案件（受理、核对、入户调查、审核、公示）',
  'assistance.approve': '审批社会救助',
  'assistance.standards': '维护救助标准和政策参数',
  'assistance.roll': '编制、审核和导出发放名册',
} as const;
