// Main menu entries, each shown only with its permission.
import {
  ApartmentOutlined,
  ApiOutlined,
  CloudUploadOutlined,
  FileSearchOutlined,
  HomeOutlined,
  IdcardOutlined,
  LoginOutlined,
  NodeIndexOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  SolutionOutlined,
  TeamOutlined,
  UserOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { MessageKey } from '../../locales/zh-CN';

/** A menu entry; `hiddenWith` hides it from holders of that permission (a member's menu is 我的档案 only). */
type Entry = { path: string; label: MessageKey; icon: ReactNode; permission?: string; hiddenWith?: string };

/** All entries, in menu order. */
export const MENU_ENTRIES: Entry[] = [
  { path: '/', label: 'menu.home', icon: <HomeOutlined />, hiddenWith: 'self.file' },
  { path: '/my', label: 'menu.my', icon: <IdcardOutlined />, permission: 'self.file' },
  { path: '/members', label: 'menu.members', icon: <UserOutlined />, permission: 'member.read' },
  { path: '/corrections', label: 'menu.corrections', icon: <SolutionOutlined />, permission: 'member.correction' },
  { path: '/pipeline', label: 'menu.pipeline', icon: <NodeIndexOutlined />, permission: 'pipeline.read' },
  { path: '/imports', label: 'menu.imports', icon: <CloudUploadOutlined />, permission: 'member.import' },
  { path: '/orgs', label: 'menu.orgs', icon: <ApartmentOutlined />, permission: 'org.read' },
  { path: '/orgs/warnings', label: 'menu.orgWarnings', icon: <WarningOutlined />, permission: 'org.read' },
  { path: '/accounts', label: 'menu.accounts', icon: <TeamOutlined />, permission: 'account.read' },
  { path: '/grants', label: 'menu.grants', icon: <SafetyCertificateOutlined />, permission: 'grant.read' },
  { path: '/api-clients', label: 'menu.apiClients', icon: <ApiOutlined />, permission: 'grant.read' },
  { path: '/audit/login', label: 'menu.auditLogin', icon: <LoginOutlined />, permission: 'audit.read' },
  { path: '/audit/operations', label: 'menu.auditOperations', icon: <FileSearchOutlined />, permission: 'audit.read' },
  { path: '/system/jobs', label: 'menu.jobs', icon: <ScheduleOutlined />, permission: 'job.read' },
];

/** The entries the user may see. */
export function visibleEntries(permissions: string[]): Entry[] {
  return MENU_ENTRIES.filter(
    (e) => (!e.permission || permissions.includes(e.permission)) && !(e.hiddenWith && permissions.includes(e.hiddenWith)),
  );
}

/** The menu key matching a location: the longest entry path that prefixes it. */
export function selectedKey(pathname: string, entries: Entry[]): string | undefined {
  let best: string | undefined;
  for (const e of entries) {
    const hit = e.path === '/' ? pathname === '/' : pathname === e.path || pathname.startsWith(`${e.path}/`);
    if (hit && (!best || e.path.length > best.length)) best = e.path;
  }
  return best;
}
