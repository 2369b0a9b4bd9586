import { useState, type ReactNode } from 'react';
import { Button, Card, Checkbox, DatePicker, Dropdown, Empty, Form, Input, Radio, Select, Space, Table, Tabs, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { Dayjs } from 'dayjs';
import { api } from '../../app/api';
import { useCan } from '../../app/auth';
import { useSubmit } from '../../app/forms';
import { afterToday } from '../../app/today';
import { FormDialog } from '../../components/FormDialog';
import { DivisionPicker } from '../../components/DivisionPicker';
import {
  maritalStatuses,
  relationKinds,
  schoolStages,
  type LifeFacts,
  type PersonEventRow,
  type RelationRow,
} from '../../../shared/registry/life-events';
import type { PersonDetail } from '../../../shared/registry/persons';
import { PersonLookup } from './PersonLookup';

type Dialog =
  | 'death'
  | 'revoke'
  | 'marital'
  | 'move_in'
  | 'move_out'
  | 'residence'
  | 'relation'
  | 'work_away'
  | 'schooling'
  | { endRelation: RelationRow }
  | { endWorkAway: number }
  | { endSchooling: number };

const day = (d: Dayjs | undefined | null) => (d ? d.format('YYYY-MM-DD') : undefined);

/**
 * 生活事件 on the person's page (docs/rules.md "Life events"): death, marital status, hukou moves,
 * residence, guardians and carers, working away, school — each with its date, source and evidence, and
 * the person's history. Recording a death here is the one place a death is entered (一数一源).
 */
export function PersonLifeCard({ p, onChanged }: { p: PersonDetail; onChanged: () => void }) {
  const can = useCan();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const { data, refetch } = useQuery({ queryKey: ['person-life', p.id], queryFn: () => api.get<LifeFacts>(`/api/persons/${p.id}/life`) });
  const done = () => {
    void refetch();
    onChanged();
  };
  const write = can('registry.write');
  const alive = !p.diedOn;
  const menu = [
    alive && { key: 'death', label: '登记死亡', danger: true },
    !alive && { key: 'revoke', label: '撤销死亡登记（登记有误）' },
    alive && { key: 'marital', label: '变更婚姻状况' },
    alive && { key: 'move_in', label: p.movedOutOn ? '户口迁回本市' : '户口迁入（本市）' },
    alive && !p.movedOutOn && { key: 'move_out', label: '户口迁出（外市）' },
    alive && { key: 'residence', label: '变更居住地' },
    { key: 'relation', label: '登记监护、照护或亲子关系' },
    alive && { key: 'work_away', label: '登记外出务工' },
    alive && { key: 'schooling', label: '登记在校就读' },
  ].filter(Boolean) as { key: Dialog & string; label: string; danger?: boolean }[];

  return (
    <Card
      size="small"
      title={
        <Space>
          生活事件与关系
          {p.diedOn && (
            <Tag color="default" data-testid="person-died">
              已故（{p.diedOn}）
            </Tag>
          )}
          {p.movedOutOn && (
            <Tag color="default" data-testid="person-moved-out">
              已迁出（{p.movedOutOn}）
            </Tag>
          )}
          {data?.maritalStatusName && <Tag>{data.maritalStatusName}</Tag>}
        </Space>
      }
      className="section-gap"
      extra={
        write ? (
          <Dropdown menu={{ items: menu, onClick: ({ key }) => setDialog(key as Dialog) }} trigger={['click']}>
            <Button size="small" data-testid="life-actions">
              登记事件
            </Button>
          </Dropdown>
        ) : null
      }
      data-testid="person-life"
    >
      <Tabs
        size="small"
        items={[
          { key: 'events', label: '历史', children: <EventList events={data?.events ?? []} /> },
          {
            key: 'relations',
            label: `关系（${data?.relations.length ?? 0}）`,
            children: <RelationList relations={data?.relations ?? []} onEnd={write ? (r) => setDialog({ endRelation: r }) : undefined} />,
          },
          {
            key: 'work',
            label: '外出务工',
            children: (
              <Table
                size="small"
                rowKey="id"
                pagination={false}
                scroll={{ x: 'max-content' }}
                dataSource={data?.workAway ?? []}
                locale={{ emptyText: <Empty description="没有外出务工记录。外出务工的，请点击“登记事件”登记。" /> }}
                columns={[
                  { title: '外出日期', dataIndex: 'fromDate' },
                  { title: '返回日期', dataIndex: 'untilDate', render: (v: string | null) => v ?? '未返回' },
                  { title: '务工地', dataIndex: 'destination' },
                  { title: '来源', dataIndex: 'sourceName' },
                  {
                    title: '',
                    key: 'end',
                    render: (_: unknown, s: { id: number; untilDate: string | null }) =>
                      write && !s.untilDate ? (
                        <Button size="small" type="link" onClick={() => setDialog({ endWorkAway: s.id })}>
                          登记返回
                        </Button>
                      ) : null,
                  },
                ]}
              />
            ),
          },
          {
            key: 'school',
            label: '就读',
            children: (
              <Table
                size="small"
                rowKey="id"
                pagination={false}
                scroll={{ x: 'max-content' }}
                dataSource={data?.schooling ?? []}
                locale={{ emptyText: <Empty description="没有就读记录。在校就读的，请点击“登记事件”登记。" /> }}
                columns={[
                  { title: '学校', dataIndex: 'school' },
                  { title: '学段', dataIndex: 'stageName' },
                  { title: '入学日期', dataIndex: 'enrolledOn' },
                  { title: '预计毕业', dataIndex: 'expectedEnd' },
                  { title: '离校日期', dataIndex: 'leftOn', render: (v: string | null) => v ?? '在读' },
                  {
                    title: '',
                    key: 'end',
                    render: (_: unknown, s: { id: number; leftOn: string | null }) =>
                      write && !s.leftOn ? (
                        <Button size="small" type="link" onClick={() => setDialog({ endSchooling: s.id })}>
                          登记离校
                        </Button>
                      ) : null,
                  },
                ]}
              />
            ),
          },
        ]}
      />
      {dialog && <LifeDialog p={p} dialog={dialog} onClose={() => setDialog(null)} onDone={done} />}
    </Card>
  );
}

function EventList({ events }: { events: PersonEventRow[] }) {
  return (
    <Table<PersonEventRow>
      size="small"
      rowKey="id"
      pagination={events.length > 10 ? { pageSize: 10 } : false}
      scroll={{ x: 'max-content' }}
      dataSource={events}
      locale={{ emptyText: <Empty description="还没有生活事件。死亡、婚姻、户口迁移等请点击“登记事件”登记。" /> }}
      columns={[
        { title: '日期', dataIndex: 'occurredOn' },
        { title: '事件', dataIndex: 'kindName' },
        { title: '内容', dataIndex: 'summary' },
        { title: '来源', dataIndex: 'sourceName' },
        { title: '证明材料', dataIndex: 'evidence', render: (v: string | null) => v ?? '' },
        { title: '登记人', dataIndex: 'recordedBy', render: (v: string | null) => v ?? '' },
      ]}
      data-testid="life-events"
    />
  );
}

function RelationList({ relations, onEnd }: { relations: RelationRow[]; onEnd?: (r: RelationRow) => void }) {
  return (
    <Table<RelationRow>
      size="small"
      rowKey="id"
      pagination={false}
      scroll={{ x: 'max-content' }}
      dataSource={relations}
      locale={{ emptyText: <Empty description="没有登记关系。监护人、委托照护人请点击“登记事件”登记。" /> }}
      columns={[
        {
          title: '关系',
          key: 'kind',
          render: (_, r) => (r.kind === 'spouse' ? '配偶' : r.direction === 'of' ? `${r.kindName}是` : `本人是其${r.kindName}`),
        },
        { title: '关系人', key: 'other', render: (_, r) => <Link to={`/persons/${r.otherPersonId}`}>{r.otherName}</Link> },
        { title: '起始', dataIndex: 'since' },
        { title: '终止', key: 'until', render: (_, r) => (r.until ? `${r.until}（${r.endReason ?? ''}）` : '有效') },
        { title: '证明材料', dataIndex: 'evidence', render: (v: string | null) => v ?? '' },
        {
          title: '',
          key: 'end',
          render: (_, r) =>
            onEnd && !r.until && r.kind !== 'spouse' && r.direction === 'of' ? (
              <Button size="small" type="link" onClick={() => onEnd(r)}>
                终止
              </Button>
            ) : null,
        },
      ]}
      data-testid="life-relations"
    />
  );
}

const sourceField = (
  <Form.Item name="source" label="来源" initialValue="window">
    <Radio.Group
      options={[
        { value: 'window', label: '窗口登记' },
        { value: 'agency_file', label: '部门通报' },
      ]}
    />
  </Form.Item>
);
const evidenceField = (
  <Form.Item name="evidence" label="证明材料">
    <Input maxLength={500} placeholder="如：死亡医学证明编号、户口迁移证、在读证明" />
  </Form.Item>
);
/** A place or name the user types, required: its message is 请填写 and the label. */
const textField = (name: string, label: string, testId?: string) => (
  <Form.Item name={name} label={label} rules={[{ required: true, message: `请填写${label}` }]}>
    <Input maxLength={200} data-testid={testId} />
  </Form.Item>
);
/** A village or community of the city, required: its message is 请选择 and the label. */
const divisionField = (name: string, label: string, testId: string) => (
  <Form.Item name={name} label={label} rules={[{ required: true, message: `请选择${label}` }]}>
    <DivisionPicker testId={testId} />
  </Form.Item>
);
const dateField = (name: string, label: string, future = false) => (
  <Form.Item name={name} label={label} rules={[{ required: true, message: `请选择${label}` }]}>
    <DatePicker disabledDate={future ? undefined : afterToday} data-testid={`life-${name}`} />
  </Form.Item>
);

/** One dialog per life event; each posts to its route and shows the server's Chinese message on a field. */
function LifeDialog({ p, dialog, onClose, onDone }: { p: PersonDetail; dialog: Dialog; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm();
  const { error, busy, run } = useSubmit(onDone, onClose);
  const base = `/api/persons/${p.id}`;
  const post = (url: string, body: Record<string, unknown>, doneText: string) => void run(form, () => api.post(url, body), doneText);
  let title: string;
  let intro: string;
  let fields: ReactNode;
  let submit: (v: Record<string, unknown>) => void;
  let danger = false;
  if (dialog === 'death') {
    title = '登记死亡';
    danger = true;
    intro =
      '死亡只在人口库登记一次。登记后，该人员自次月起不再计入任何待遇的保障人口，相关待遇由各业务自动处理，已发放的月份列入“死亡后已发放”待追回。';
    fields = (
      <>
        {dateField('diedOn', '死亡日期')}
        <Form.Item name="place" label="死亡地点">
          <Input maxLength={200} data-testid="life-place" />
        </Form.Item>
        <Form.Item name="certificateNo" label="死亡医学证明编号">
          <Input maxLength={50} data-testid="life-certificate" />
        </Form.Item>
        <Form.Item name="cremationNo" label="火化证明编号">
          <Input maxLength={50} />
        </Form.Item>
        {sourceField}
        {evidenceField}
      </>
    );
    submit = (v) => post(`${base}/death`, { ...v, diedOn: day(v.diedOn as Dayjs), version: p.version }, '已登记死亡');
  } else if (dialog === 'revoke') {
    title = '撤销死亡登记';
    intro = '仅用于登记有误（如同名误登）。撤销后，相关待遇列入复核，请按实际情况恢复。';
    fields = (
      <Form.Item name="reason" label="撤销原因" rules={[{ required: true, message: '请填写撤销原因' }]}>
        <Input.TextArea maxLength={500} rows={3} />
      </Form.Item>
    );
    submit = (v) => post(`${base}/death/revoke`, { ...v, version: p.version }, '已撤销死亡登记');
  } else if (dialog === 'marital') {
    title = '变更婚姻状况';
    intro = '有配偶的，请选择配偶（须已在人口库登记），双方同时记录配偶关系；离婚的，双方的配偶关系同时终止。';
    fields = (
      <>
        <Form.Item name="status" label="婚姻状况" rules={[{ required: true, message: '请选择婚姻状况' }]}>
          <Select options={Object.entries(maritalStatuses).map(([value, label]) => ({ value, label }))} data-testid="life-marital" />
        </Form.Item>
        <Form.Item noStyle shouldUpdate={(a, b) => a.status !== b.status}>
          {({ getFieldValue }) =>
            getFieldValue('status') === 'married' ? (
              <Form.Item name="spousePersonId" label="配偶（按身份证号查找）" rules={[{ required: true, message: '请查找并选择配偶' }]}>
                <PersonLookup anyHousehold testId="life-spouse" />
              </Form.Item>
            ) : null
          }
        </Form.Item>
        {dateField('since', '变更日期')}
        {sourceField}
        {evidenceField}
      </>
    );
    submit = (v) => post(`${base}/marital-status`, { ...v, since: day(v.since as Dayjs), version: p.version }, '已变更婚姻状况');
  } else if (dialog === 'move_in') {
    title = '户口迁入';
    intro = '迁入本市的村（社区）。原户籍地保留在历史中；迁入后不再属于原家庭。';
    fields = (
      <>
        {dateField('movedOn', '迁入日期')}
        {divisionField('toDivisionCode', '迁入地', 'life-to-division')}
        {textField('fromPlace', '迁出地')}
        {sourceField}
        {evidenceField}
      </>
    );
    submit = (v) =>
      post(`${base}/hukou-move`, { ...v, direction: 'in', movedOn: day(v.movedOn as Dayjs), version: p.version }, '已登记户口迁入');
  } else if (dialog === 'move_out') {
    title = '户口迁出';
    intro = '迁出本市的，人员档案保留在原户籍地并标记已迁出，同时移出原家庭。';
    fields = (
      <>
        {dateField('movedOn', '迁出日期')}
        {textField('toPlace', '迁往地')}
        {sourceField}
        {evidenceField}
      </>
    );
    submit = (v) =>
      post(`${base}/hukou-move`, { ...v, direction: 'out', movedOn: day(v.movedOn as Dayjs), version: p.version }, '已登记户口迁出');
  } else if (dialog === 'residence') {
    title = '变更居住地';
    intro = '户籍地不变，仅记录现居住的村（社区）。';
    fields = (
      <>
        {dateField('movedOn', '变更日期')}
        {divisionField('residenceDivisionCode', '现居住地', 'life-residence')}
        {sourceField}
        {evidenceField}
      </>
    );
    submit = (v) => post(`${base}/residence`, { ...v, movedOn: day(v.movedOn as Dayjs), version: p.version }, '已变更居住地');
  } else if (dialog === 'relation') {
    title = '登记关系';
    intro =
      '监护人、委托照护人须具有完全民事行为能力：年满 18 周岁，或年满 16 周岁且以自己的劳动收入为主要生活来源（民法典第十七条、第十八条）。';
    fields = (
      <>
        <Form.Item name="kind" label="关系人是本人的" rules={[{ required: true, message: '请选择关系' }]}>
          <Select
            options={Object.entries(relationKinds)
              .filter(([k]) => k !== 'spouse')
              .map(([value, label]) => ({ value, label }))}
            data-testid="life-relation-kind"
          />
        </Form.Item>
        <Form.Item name="relatedPersonId" label="关系人（按身份证号查找）" rules={[{ required: true, message: '请查找并选择关系人' }]}>
          <PersonLookup anyHousehold testId="life-related" />
        </Form.Item>
        {dateField('since', '起始日期')}
        <Form.Item name="relatedSelfSupporting" valuePropName="checked">
          <Checkbox>关系人年满 16 周岁未满 18 周岁，以自己的劳动收入为主要生活来源（须填写证明材料）</Checkbox>
        </Form.Item>
        {sourceField}
        {evidenceField}
        <Form.Item name="note" label="备注">
          <Input maxLength={500} />
        </Form.Item>
      </>
    );
    submit = (v) => post(`${base}/relations`, { ...v, since: day(v.since as Dayjs) }, '已登记关系');
  } else if (dialog === 'work_away') {
    title = '登记外出务工';
    intro = '外出务工的时段不能重叠；尚未返回的，返回日期留空。';
    fields = (
      <>
        {dateField('fromDate', '外出日期')}
        <Form.Item name="untilDate" label="返回日期">
          <DatePicker />
        </Form.Item>
        {textField('destination', '务工地', 'life-destination')}
        {sourceField}
        {evidenceField}
      </>
    );
    submit = (v) =>
      post(
        `${base}/work-away`,
        { ...v, fromDate: day(v.fromDate as Dayjs), untilDate: day(v.untilDate as Dayjs) ?? null },
        '已登记外出务工',
      );
  } else if (dialog === 'schooling') {
    title = '登记在校就读';
    intro = '预计毕业日期用于提醒到期（如未成年特困人员在校就读可延续供养）。';
    fields = (
      <>
        <Form.Item name="school" label="学校" rules={[{ required: true, message: '请填写学校名称' }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="stage" label="学段" rules={[{ required: true, message: '请选择学段' }]}>
          <Select options={Object.entries(schoolStages).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        {dateField('enrolledOn', '入学日期')}
        {dateField('expectedEnd', '预计毕业日期', true)}
        {sourceField}
        {evidenceField}
      </>
    );
    submit = (v) =>
      post(`${base}/schooling`, { ...v, enrolledOn: day(v.enrolledOn as Dayjs), expectedEnd: day(v.expectedEnd as Dayjs) }, '已登记就读');
  } else if ('endRelation' in dialog) {
    title = `终止${dialog.endRelation.kindName}关系`;
    intro = `${dialog.endRelation.otherName} 自终止日期起不再是本人的${dialog.endRelation.kindName}。`;
    fields = (
      <>
        {dateField('until', '终止日期')}
        <Form.Item name="reason" label="终止原因" rules={[{ required: true, message: '请填写终止原因' }]}>
          <Input maxLength={500} />
        </Form.Item>
      </>
    );
    submit = (v) => post(`${base}/relations/${dialog.endRelation.id}/end`, { ...v, until: day(v.until as Dayjs) }, '已终止关系');
  } else {
    const spell = 'endWorkAway' in dialog;
    title = spell ? '登记外出务工返回' : '登记离校';
    intro = spell ? '返回日期不能早于外出日期。' : '离校日期不能早于入学日期。';
    fields = dateField('on', spell ? '返回日期' : '离校日期');
    submit = (v) =>
      post(
        spell
          ? `${base}/work-away/${dialog.endWorkAway}/end`
          : `${base}/schooling/${(dialog as { endSchooling: number }).endSchooling}/end`,
        { on: day(v.on as Dayjs) },
        '已登记',
      );
  }
  return (
    <FormDialog
      title={title}
      testId="life"
      confirm="确定"
      danger={danger}
      busy={busy}
      error={error}
      onClose={onClose}
      onOk={() => form.submit()}
      intro={intro}
    >
      <Form form={form} layout="vertical" onFinish={submit}>
        {fields}
      </Form>
    </FormDialog>
  );
}
