/** The platform's payment programmes' own permission (src/server/platform/payments): the banks' file formats. */
export const paymentsPermissions = {
  'payments.bank_formats': '维护银行代发文件格式',
} as const;
