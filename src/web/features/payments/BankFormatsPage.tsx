import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api, dateTime, errorMessage } from '../../app/api';
import { applyServerErrors } from '../../app/forms';
import { PageHeader } from '../../app/list';
import {
  bankLineFields,
  type BankColumn,
  type BankFormat,
  type BankFormatInput,
  type BankFormats,
  type BankFormatSpec,
} from '../../../shared/payments/bank-formats';

const fieldOptions = Object.entries(bankLineFields).map(([value, label]) => ({ value, label }));
const columnsText = (columns: BankColumn[]) =>
  columns.map((c) => (c.field === 'constant' ? `${c.header}（${c.value ?? ''}）` : c.header)).join('、');
const resultText = (f: BankFormatSpec) =>
  `${f.result.lineNo}、${f.result.result}、${f.result.reason}；成功填“${f.result.paid}”，失败填“${f.result.failed}”`;

/**
 * 银行代发格式: the columns of each bank's 代发文件 over the platform's generic layout, and the headers
 * and words of its 回盘文件 (docs/bank-files.md). A county exporting a roll's bank file chooses the bank;
 * without one the file has the platform's default layout.
 */
export function BankFormatsPage() {
  const { message } = App.useApp();
  const [editing, setEditing] = useState<BankFormat | 'new' | null>(null);
  const { data, error, isFetching, refetch } = useQuery({
    queryKey: ['bank-formats'],
    queryFn: () => api.get<BankFormats>('/api/payments/bank-formats'),
  });
  const setRetired = async (f: BankFormat, retire: boolean) => {
    try {
      await api.post<BankFormat>(`/api/payments/bank-formats/${f.id}/${retire ? 'retire' : 'restore'}`, { version: f.version });
      message.success(retire ? `已停用「${f.name}」的代发格式` : `已启用「${f.name}」的代发格式`);
    } catch (e) {
      message.error(errorMessage(e, '操作失败'));
    }
    void refetch();
  };
  return (
    <div>
      <PageHeader
        title="银行代发格式"
        sub="各代发银行的文件格式：代发文件的列（取自平台通用格式的字段）和回盘文件的列名与结果文字。县级导出代发文件、导入回盘时选择银行；未选择时使用平台通用格式。"
        extra={
          <Button type="primary" onClick={() => setEditing('new')} data-testid="bank-format-new">
            新增银行格式
          </Button>
        }
      />
      {error && <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 12 }} />}
      {data && (
        <Card size="small" title="平台通用格式（默认）" style={{ marginBottom: 12 }} data-testid="bank-format-default">
          <Typography.Paragraph style={{ marginBottom: 4 }}>代发文件：{columnsText(data.defaultFormat.columns)}。</Typography.Paragraph>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
            “待遇类别”一列的列名随业务，社会救助为“救助类别”。
          </Typography.Paragraph>
          <Typography.Paragraph style={{ marginBottom: 0 }}>回盘文件：{resultText(data.defaultFormat)}。</Typography.Paragraph>
        </Card>
      )}
      <Table<BankFormat>
        rowKey="id"
        size="small"
        loading={isFetching && !data}
        dataSource={data?.items}
        pagination={false}
        scroll={{ x: 'max-content' }}
        data-testid="bank-formats"
        locale={{ emptyText: <Empty description="还没有银行的代发格式。所有代发文件使用平台通用格式。" /> }}
        columns={[
          {
            title: '银行',
            dataIndex: 'name',
            width: 200,
            render: (v: string, f) => (
              <>
                {v}
                {f.retiredAt && (
                  <Tag style={{ marginLeft: 6 }} data-testid="bank-format-retired-tag">
                    已停用
                  </Tag>
                )}
              </>
            ),
          },
          { title: '工作表', dataIndex: 'sheetName', width: 100 },
          { title: '代发文件的列', key: 'columns', render: (_: unknown, f) => columnsText(f.columns) },
          { title: '回盘文件', key: 'result', render: (_: unknown, f) => resultText(f) },
          {
            title: '修改',
            key: 'updated',
            width: 170,
            render: (_: unknown, f) => `${dateTime(f.updatedAt)}${f.updatedByName ? ` ${f.updatedByName}` : ''}`,
          },
          {
            title: '',
            key: 'op',
            width: 110,
            fixed: 'right',
            render: (_: unknown, f) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => setEditing(f)} data-testid="bank-format-edit">
                  修改
                </Button>
                <Popconfirm
                  title={f.retiredAt ? `启用「${f.name}」的代发格式？` : `停用「${f.name}」的代发格式？`}
                  description={
                    f.retiredAt ? '启用后可再用于导出代发文件。' : '停用后不能再用于导出代发文件；已导出文件的回盘仍可按此格式导入。'
                  }
                  okText={f.retiredAt ? '启用' : '停用'}
                  cancelText="取消"
                  onConfirm={() => void setRetired(f, !f.retiredAt)}
                >
                  <Button type="link" size="small" danger={!f.retiredAt} data-testid="bank-format-retire">
                    {f.retiredAt ? '启用' : '停用'}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      {editing && data && (
        <FormatModal
          format={editing === 'new' ? null : editing}
          start={editing === 'new' ? { ...data.defaultFormat, name: '' } : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            message.success('已保存');
            void refetch();
          }}
        />
      )}
    </div>
  );
}

function FormatModal({
  format,
  start,
  onClose,
  onSaved,
}: {
  format: BankFormat | null;
  start: BankFormatInput;
  onClose: () => void;
  onSaved: () => void;
}) {
  const [form] = Form.useForm<BankFormatInput>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (v: BankFormatInput) => {
    setError(null);
    setBusy(true);
    try {
      if (format) await api.patch(`/api/payments/bank-formats/${format.id}`, { ...v, version: format.version });
      else await api.post('/api/payments/bank-formats', v);
      onSaved();
    } catch (e) {
      setError(applyServerErrors(form, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      width={900}
      title={format ? `修改代发格式：${format.name}` : '新增银行代发格式'}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="保存"
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'bank-format-save' } as never}
      maskClosable={false}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={start}>
        <Row gutter={12}>
          <Col xs={24} md={14}>
            <Form.Item name="name" label="银行" rules={[{ required: true, whitespace: true, min: 2, message: '请填写银行名称' }]}>
              <Input maxLength={50} placeholder="如：济宁农商银行" data-testid="bank-format-name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item
              name="sheetName"
              label="工作表名称（Excel）"
              rules={[{ required: true, whitespace: true, message: '请填写工作表名称' }]}
            >
              <Input maxLength={31} />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Text strong>代发文件的列（自左至右）</Typography.Text>
        <Form.List name="columns">
          {(fields, { add, remove, move }) => (
            <div style={{ marginTop: 8 }}>
              {fields.map((f, i) => (
                <Space key={f.key} align="start" wrap style={{ display: 'flex', marginBottom: 4 }}>
                  <Form.Item name={[f.name, 'header']} rules={[{ required: true, whitespace: true, message: '请填写列名' }]}>
                    <Input placeholder="列名" maxLength={40} style={{ width: 160 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'field']} rules={[{ required: true, message: '请选择字段' }]}>
                    <Select options={fieldOptions} placeholder="字段" style={{ width: 300 }} />
                  </Form.Item>
                  <Form.Item noStyle shouldUpdate>
                    {() =>
                      form.getFieldValue(['columns', f.name, 'field']) === 'constant' ? (
                        <Form.Item name={[f.name, 'value']} rules={[{ required: true, whitespace: true, message: '请填写固定值' }]}>
                          <Input placeholder="固定值" maxLength={100} style={{ width: 140 }} />
                        </Form.Item>
                      ) : null
                    }
                  </Form.Item>
                  <Form.Item name={[f.name, 'width']}>
                    <InputNumber min={4} max={80} placeholder="列宽" style={{ width: 90 }} />
                  </Form.Item>
                  <Button size="small" disabled={i === 0} onClick={() => move(i, i - 1)}>
                    上移
                  </Button>
                  <Button size="small" danger onClick={() => remove(f.name)}>
                    删除
                  </Button>
                </Space>
              ))}
              <Button onClick={() => add({ header: '', field: 'constant' })} data-testid="bank-format-add-column">
                添加一列
              </Button>
            </div>
          )}
        </Form.List>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          须有“流水号”“银行账号”和一列金额（元或分）：银行回盘按流水号对账。
        </Typography.Paragraph>
        <Typography.Text strong>回盘文件</Typography.Text>
        <Row gutter={12} style={{ marginTop: 8 }}>
          {(
            [
              ['lineNo', '流水号的列名'],
              ['result', '结果的列名'],
              ['reason', '失败原因的列名'],
              ['paid', '表示成功的文字'],
              ['failed', '表示失败的文字'],
            ] as const
          ).map(([key, label]) => (
            <Col xs={12} md={8} key={key}>
              <Form.Item name={['result', key]} label={label} rules={[{ required: true, whitespace: true, message: `请填写${label}` }]}>
                <Input maxLength={40} />
              </Form.Item>
            </Col>
          ))}
        </Row>
      </Form>
    </Modal>
  );
}
