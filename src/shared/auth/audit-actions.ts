/**
 * The audit actions of signing in and account security (src/server/modules/auth), with their labels.
 */
import { moduleAuditLabels } from '../audit/labels.js';

export const authAudit = moduleAuditLabels(
  { auth: '登录与账号安全' },
  {
    auth: {
      'auth.login': '登录',
      'auth.logout': '退出',
      'auth.lock': '账号锁定',
      'auth.session_expired': '会话超时',
      'auth.password_change': '修改密码',
      'auth.totp_enable': '启用动态口令',
      'auth.totp_change': '更换动态口令',
      'auth.totp_disable': '关闭动态口令',
      // A stored ciphertext failed its integrity check; the field was shown as 数据校验失败 (D7).
      'crypto.integrity_failed': '数据校验失败（密文可能被篡改）',
    },
  },
);
