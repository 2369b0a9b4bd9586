import { Alert, Modal, Typography } from 'antd';

/** A new or reset password, shown this once: the administrator hands it to the person. */
export function InitialPasswordModal({
  shown,
  onClose,
}: {
  shown: { username: string; displayName: string; password: string; reset: boolean } | null;
  onClose: () => void;
}) {
  return (
    <Modal
      open={Boolean(shown)}
      title={shown?.reset ? '密码已重置' : '用户已创建'}
      onOk={onClose}
      onCancel={onClose}
      okText="我已记下"
      cancelButtonProps={{ style: { display: 'none' } }}
      maskClosable={false}
    >
      <p>
        请将 <b>{shown?.displayName}</b>（用户名 <b>{shown?.username}</b>）的初始密码当面或通过安全渠道告知本人。首次登录时须修改密码。
      </p>
      <Typography.Paragraph
        copyable={{ text: shown?.password, tooltips: ['复制', '已复制'] }}
        code
        style={{ fontSize: 20 }}
        data-testid="initial-password"
      >
        {shown?.password}
      </Typography.Paragraph>
      <Alert type="warning" showIcon title="初始密码只显示这一次，关闭后无法再次查看；遗失可再次重置。" />
    </Modal>
  );
}
