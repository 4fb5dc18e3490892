// Organization management: lazy tree on the left, details and edit forms on the right.
import { Card, Col, Empty, Input, Row, Spin, Tag, Tree, Typography } from 'antd';
import { useState } from 'react';
import type { Org } from '../../api/types';
import { LoadError } from '../../components/load-error';
import { type OrgTreeNode, useOrgTree } from '../../components/use-org-tree';
import { useT } from '../../i18n/i18n';
import { label } from '../../lib/format';
import { OrgDetail } from './org-detail';

/** The /orgs route. */
export default function OrgsPage() {
  const t = useT();
  const [q, setQ] = useState('');
  const tree = useOrgTree(q);
  const [selected, setSelected] = useState<string | null>(null);
  const [expanded, setExpanded] = useState<string[]>([]);

  const onSaved = (org: Org) => tree.patchOrg(org.id, { name: org.name, shortName: org.shortName, category: org.category });
  const onChildCreated = (parentId: string) =>
    tree
      .childAdded(parentId)
      .then(() => setExpanded((keys) => (keys.includes(parentId) ? keys : [...keys, parentId])))
      .catch(() => undefined);

  // A move, merge or dissolve changes several branches of the tree: load it again, collapsed.
  const onStructureChanged = () => {
    setExpanded([]);
    tree.reloadRoots();
  };

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={10} xl={9}>
        <Card title={t('orgs.tree')} styles={{ body: { maxHeight: 'calc(100vh - 220px)', minHeight: 240, overflow: 'auto' } }}>
          <Input.Search
            id="orgSearch"
            allowClear
            placeholder={t('orgs.searchPlaceholder')}
            onSearch={(v) => {
              setExpanded([]);
              setQ(v.trim());
            }}
            style={{ marginBottom: 12 }}
          />
          <LoadError error={tree.error} onRetry={tree.reloadRoots} />
          {tree.loading ? (
            <Spin />
          ) : tree.treeData.length ? (
            <Tree<OrgTreeNode>
              data-testid="org-tree"
              blockNode
              showLine
              treeData={tree.treeData}
              loadData={tree.loadData}
              expandedKeys={expanded}
              onExpand={(keys) => setExpanded(keys.map(String))}
              selectedKeys={selected ? [selected] : []}
              onSelect={(keys) => setSelected(keys.length ? String(keys[0]) : null)}
              titleRender={(node) => (
                <span style={{ whiteSpace: 'nowrap' }}>
                  {node.org.name}{' '}
                  <Tag variant="filled" style={{ marginInlineStart: 4 }}>
                    {label(t, 'level', node.org.level)}
                  </Tag>
                  {node.org.memberCount !== undefined ? (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="org-node-count">
                      {t('orgs.nodeCount', { count: node.org.memberCount })}
                    </Typography.Text>
                  ) : null}
                </span>
              )}
            />
          ) : tree.error ? null : (
            <Empty description={t('orgs.empty')} />
          )}
        </Card>
      </Col>
      <Col xs={24} lg={14} xl={15}>
        {selected ? (
          <OrgDetail id={selected} onSaved={onSaved} onChildCreated={onChildCreated} onStructureChanged={onStructureChanged} />
        ) : (
          <Card title={t('orgs.detail')}>
            <Empty description={t('orgs.selectHint')} />
          </Card>
        )}
      </Col>
    </Row>
  );
}
