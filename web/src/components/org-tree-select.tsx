// An organization picker (antd TreeSelect) that loads the tree lazily; works inside Form.Item.
import { TreeSelect } from 'antd';
import { useT } from '../i18n/i18n';
import { useOrgTree } from './use-org-tree';

type Props = { value?: string; onChange?: (value: string | undefined) => void; id?: string };

/** Picks one organization within the caller's scope. */
export function OrgTreeSelect({ value, onChange, id }: Props) {
  const t = useT();
  const tree = useOrgTree();
  return (
    <TreeSelect
      id={id}
      value={value}
      onChange={(v) => onChange?.(v ?? undefined)}
      treeData={tree.treeData}
      loadData={tree.loadData}
      loading={tree.loading}
      placeholder={t('orgs.pick')}
      allowClear
      showSearch
      treeNodeFilterProp="title"
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { maxWidth: 'calc(100vw - 32px)' } } }}
      style={{ width: '100%' }}
    />
  );
}
