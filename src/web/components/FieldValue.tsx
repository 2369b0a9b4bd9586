import type { ReactNode } from 'react';
import { Tooltip, Typography } from 'antd';
import { DAMAGED_FIELD } from '../../shared/mask';

/**
 * An encrypted field as the server sends it (masked or clear). One whose stored ciphertext failed
 * its integrity check arrives as 数据校验失败 (docs/security.md D7): shown in red with what to do.
 */
export function FieldValue({ value, empty = null }: { value: string | null | undefined; empty?: ReactNode }) {
  if (value === DAMAGED_FIELD) {
    return (
      <Tooltip title="该项加密数据未通过完整性校验，可能被篡改，已记入审计日志。请联系管理员，核实后重新录入。">
        <Typography.Text type="danger">{DAMAGED_FIELD}</Typography.Text>
      </Tooltip>
    );
  }
  return <>{value ?? empty}</>;
}
