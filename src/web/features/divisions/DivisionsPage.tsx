import { useEffect, useState, type Key } from 'react';
import { Alert, AutoComplete, Breadcrumb, Card, Col, Descriptions, Empty, Input, Row, Table, Tag, Tree } from 'antd';
import type { TreeDataNode } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, errorMessage } from '../../app/api';
import { PageHeader } from '../../app/list';
import { childrenOf } from '../../components/DivisionPicker';
import type { DivisionDetail, DivisionFound, DivisionNode } from '../../../shared/divisions/tree';

const levelNames: Record<number, string> = { 1: '省', 2: '市', 3: '县（市、区）', 4: '乡镇（街道）', 5: '村（社区）' };
const levelColors: Record<number, string> = { 2: 'red', 3: 'blue', 4: 'cyan', 5: 'default' };

const toNode = (n: DivisionNode): TreeDataNode => ({ key: n.code, title: n.name, isLeaf: !n.hasChildren });

function attach(list: TreeDataNode[], key: Key, children: TreeDataNode[]): TreeDataNode[] {
  return list.map((n) => (n.key === key ? { ...n, children } : n.children ? { ...n, children: attach(n.children, key, children) } : n));
}
function find(list: TreeDataNode[], key: Key): TreeDataNode | undefined {
  for (const n of list) {
    if (n.key === key) return n;
    const inner = n.children && find(n.children, key);
    if (inner) return inner;
  }
  return undefined;
}

/**
 * 行政区划: the city's tree (public statistical codes), loaded a level at a time, with a search by
 * name or code that opens the tree down to the match.
 */
export function DivisionsPage() {
  const client = useQueryClient();
  const [tree, setTree] = useState<TreeDataNode[]>([]);
  const [expanded, setExpanded] = useState<Key[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const [q, setQ] = useState('');
  const roots = useQuery({
    queryKey: ['division-children', ''],
    queryFn: () => api.get<DivisionNode[]>('/api/divisions/children'),
    staleTime: Infinity,
  });
  const detail = useQuery({
    queryKey: ['division', selected],
    queryFn: () => api.get<DivisionDetail>(`/api/divisions/${selected}`),
    enabled: Boolean(selected),
    staleTime: Infinity,
  });
  const kids = useQuery({
    queryKey: ['division-children', selected],
    queryFn: () => api.get<DivisionNode[]>(`/api/divisions/children?parent=${selected}`),
    enabled: Boolean(selected),
    staleTime: Infinity,
  });
  const found = useQuery({
    queryKey: ['division-search', q],
    queryFn: () => api.get<DivisionFound[]>(`/api/divisions/search?q=${encodeURIComponent(q)}`),
    enabled: q.trim().length > 0,
  });

  useEffect(() => {
    if (roots.data && !tree.length) {
      setTree(roots.data.map(toNode));
      setExpanded(roots.data.map((r) => r.code));
    }
  }, [roots.data, tree.length]);

  const load = async (node: TreeDataNode) => {
    if (node.children) return;
    const children = (await childrenOf(client, String(node.key))).map(toNode);
    setTree((t) => attach(t, node.key, children));
  };

  /** Opens the tree along a division's path and selects it. */
  const reveal = async (code: string) => {
    const d = await client.fetchQuery({
      queryKey: ['division', code],
      queryFn: () => api.get<DivisionDetail>(`/api/divisions/${code}`),
      staleTime: Infinity,
    });
    let t = tree;
    for (const p of d.path) {
      const node = find(t, p.code);
      if (node && !node.children) t = attach(t, p.code, (await childrenOf(client, p.code)).map(toNode));
    }
    setTree(t);
    setExpanded((e) => [...new Set([...e, ...d.path.map((p) => p.code)])]);
    setSelected(code);
  };

  return (
    <div>
      <PageHeader
        title="行政区划"
        sub="统计用区划代码：市 4 位、县 6 位、乡镇 9 位、村（社区）12 位。人员、家庭和账号的管辖范围都以此为准。按已撤销的原代码查找，显示其现在的区划。"
      />
      {roots.error && <Alert type="error" showIcon title={errorMessage(roots.error)} style={{ marginBottom: 12 }} />}
      <Row gutter={12}>
        <Col xs={24} md={11}>
          <Card size="small" title="区划树">
            <AutoComplete
              style={{ width: '100%', marginBottom: 8 }}
              options={(found.data ?? []).map((f) => ({ value: f.code, label: `${f.fullName}（${f.code}）` }))}
              onSearch={setQ}
              onSelect={(code: string) => void reveal(code)}
              notFoundContent={q && !found.isFetching ? '没有找到' : null}
            >
              <Input.Search placeholder="按名称或代码查找，如“许庄”或“370811002”" allowClear data-testid="division-search" />
            </AutoComplete>
            <div style={{ maxHeight: 620, overflow: 'auto' }}>
              <Tree
                treeData={tree}
                loadData={load}
                expandedKeys={expanded}
                onExpand={setExpanded}
                selectedKeys={selected ? [selected] : []}
                onSelect={(keys) => keys[0] && setSelected(String(keys[0]))}
                data-testid="division-tree"
              />
            </div>
          </Card>
        </Col>
        <Col xs={24} md={13}>
          <Card size="small" title="区划信息" data-testid="division-detail">
            {!selected || !detail.data ? (
              <Empty description="在左侧选择一个区划，或按名称查找" />
            ) : (
              <>
                <Breadcrumb
                  style={{ marginBottom: 12 }}
                  items={[...detail.data.path, { code: detail.data.code, name: detail.data.name }].map((p) => ({
                    title: <a onClick={() => void reveal(p.code)}>{p.name}</a>,
                  }))}
                />
                <Descriptions
                  column={1}
                  size="small"
                  bordered
                  items={[
                    { key: 'n', label: '名称', children: detail.data.name },
                    { key: 'c', label: '统计代码', children: <span data-testid="division-code">{detail.data.code}</span> },
                    {
                      key: 'l',
                      label: '层级',
                      children: <Tag color={levelColors[detail.data.level]}>{levelNames[detail.data.level] ?? detail.data.level}</Tag>,
                    },
                    { key: 'f', label: '全称', children: detail.data.fullName },
                    { key: 'k', label: '下级区划', children: kids.data ? `${kids.data.length} 个` : '…' },
                    ...(detail.data.validTo
                      ? [
                          {
                            key: 'e',
                            label: '已撤销',
                            children: (
                              <span data-testid="division-ended">
                                {detail.data.validTo} 起不再使用
                                {detail.data.successors.length > 0 && '，现为 '}
                                {detail.data.successors.map((s) => (
                                  <a key={s.code} onClick={() => void reveal(s.code)} style={{ marginRight: 8 }}>
                                    {s.name}（{s.code}）
                                  </a>
                                ))}
                              </span>
                            ),
                          },
                        ]
                      : []),
                  ]}
                />
                {kids.data && kids.data.length > 0 && (
                  <Table<DivisionNode>
                    className="section-gap"
                    rowKey="code"
                    size="small"
                    dataSource={kids.data}
                    pagination={kids.data.length > 15 ? { pageSize: 15, size: 'small', showTotal: (t) => `共 ${t} 个` } : false}
                    onRow={(r) => ({ onClick: () => void reveal(r.code), style: { cursor: 'pointer' } })}
                    columns={[
                      { title: '下级名称', dataIndex: 'name' },
                      { title: '代码', dataIndex: 'code' },
                      { title: '层级', dataIndex: 'level', render: (l: number) => levelNames[l] },
                    ]}
                  />
                )}
              </>
            )}
          </Card>
        </Col>
      </Row>
    </div>
  );
}
