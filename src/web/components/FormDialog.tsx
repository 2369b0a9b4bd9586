import type { ReactNode } from 'react';
import { Alert, Button, Modal, Space, Typography } from 'antd';

/** The frame of a form dialog: an explanation, the form, its confirm button and the error under it. */
export function FormDialog(props: {
  title: string;
  testId: string;
  confirm: string;
  danger?: boolean;
  busy: boolean;
  error: string | null;
  intro: ReactNode;
  onClose: () => void;
  onOk: () => void;
  children: ReactNode;
}) {
  return (
    <Modal
      open
      title={props.title}
      onCancel={props.onClose}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={props.onClose}>取消</Button>
          <Button type="primary" danger={props.danger} loading={props.busy} onClick={props.onOk} data-testid={`${props.testId}-confirm`}>
            {props.confirm}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{props.intro}</Typography.Paragraph>
      {props.children}
      {props.error && <Alert type="error" showIcon title={props.error} data-testid={`${props.testId}-error`} />}
    </Modal>
  );
}
