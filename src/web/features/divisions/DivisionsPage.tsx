import { useEffect, useState } from 'react';
import { Card, Col, Descriptions, Empty, Row, Tree } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { api } from '../../app/api';

interface Node {
  code: string;
  name: string;
  level: number;
  hasChildren: boolean;
}
interface Detail {
  code: string;
  name: string;
  level: number;
  fullName: string;
  path: { code: string; name: string }[];
}

const levelNames: Record<number, string> = { 2: '市', 3: '县（市、区）', 4: '乡镇（街道）', 5: '村（社区）' };
const toNode = (n: Node): DataNode => ({ key: n.code, title: `${n.name}（${n.code}）`, isLeaf: !n.hasChildren });

export function DivisionsPage() {
  const [tree, setTree] = useState<DataNode[]>([]);
  const [detail, setDetail] = useState<Detail | null>(null);
  useEffect(() => {
    void api.get<Node[]>('/api/divisions/children').then((r) => setTree(r.map(toNode)));
  }, []);
  const load = async (node: DataNode) => {
    if (node.children) return;
    const children = (await api.get<Node[]>(`/api/divisions/children?parent=${node.key}`)).map(toNode);
    const attach = (list: DataNode[]): DataNode[] => list.map((n) => (n.key === node.key ? { ...n, children } : n.children ? { ...n, children: attach(n.children) } : n));
    setTree((t) => attach(t));
  };
  return (
    <div>
      <h2 className="page-title">行政区划</h2>
      <Row gutter={16}>
        <Col span={12}>
          <Card size="small" style={{ maxHeight: 640, overflow: 'auto' }}>
            <Tree treeData={tree} loadData={load} onSelect={async (keys) => keys[0] && setDetail(await api.get<Detail>(`/api/divisions/${keys[0]}`))} />
          </Card>
        </Col>
        <Col span={12}>
          <Card size="small" title="区划信息">
            {detail ? (
              <Descriptions column={1} size="small">
                <Descriptions.Item label="名称">{detail.name}</Descriptions.Item>
                <Descriptions.Item label="统计代码">{detail.code}</Descriptions.Item>
                <Descriptions.Item label="层级">{levelNames[detail.level]}</Descriptions.Item>
                <Descriptions.Item label="全称">{detail.fullName}</Descriptions.Item>
              </Descriptions>
            ) : (
              <Empty description="在左侧选择一个区划查看" />
            )}
          </Card>
        </Col>
      </Row>
    </div>
  );
}
