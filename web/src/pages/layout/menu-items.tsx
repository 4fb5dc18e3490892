// Main menu entries, each shown only with its permission.
import {
  ApartmentOutlined,
  ApiOutlined,
  FileSearchOutlined,
  HomeOutlined,
  LoginOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { MessageKey } from '../../locales/zh-CN';

type Entry = { path: string; label: MessageKey; icon: ReactNode; permission?: string };

/** All entries, in menu order. */
export const MENU_ENTRIES: Entry[] = [
  { path: '/', label: 'menu.home', icon: <HomeOutlined /> },
  { path: '/orgs', label: 'menu.orgs', icon: <ApartmentOutlined />, permission: 'org.read' },
  { path: '/accounts', label: 'menu.accounts', icon: <TeamOutlined />, permission: 'account.read' },
  { path: '/grants', label: 'menu.grants', icon: <SafetyCertificateOutlined />, permission: 'grant.read' },
  { path: '/api-clients', label: 'menu.apiClients', icon: <ApiOutlined />, permission: 'grant.read' },
  { path: '/audit/login', label: 'menu.auditLogin', icon: <LoginOutlined />, permission: 'audit.read' },
  { path: '/audit/operations', label: 'menu.auditOperations', icon: <FileSearchOutlined />, permission: 'audit.read' },
  { path: '/system/jobs', label: 'menu.jobs', icon: <ScheduleOutlined />, permission: 'job.read' },
];

/** The entries the user may see. */
export function visibleEntries(permissions: string[]): Entry[] {
  return MENU_ENTRIES.filter((e) => !e.permission || permissions.includes(e.permission));
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
