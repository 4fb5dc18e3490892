// Main menu entries, each shown only with its permission.
import {
  AccountBookOutlined,
  AuditOutlined,
  ApartmentOutlined,
  ApiOutlined,
  CalendarOutlined,
  CarryOutOutlined,
  CalculatorOutlined,
  CloudUploadOutlined,
  FileSearchOutlined,
  FileTextOutlined,
  FundProjectionScreenOutlined,
  HomeOutlined,
  CreditCardOutlined,
  DashboardOutlined,
  IdcardOutlined,
  MoneyCollectOutlined,
  LoginOutlined,
  NodeIndexOutlined,
  RiseOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  ScanOutlined,
  SolutionOutlined,
  TrophyOutlined,
  TeamOutlined,
  UserOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import type { MenuProps } from 'antd';
import type { ReactNode } from 'react';
import { DEVICE_PERMISSION, REVOCATIONS_PERMISSION } from '../../api/activities';
import { DUES_QUOTE_PERMISSION, DUES_READ_PERMISSION } from '../../api/dues';
import { SCREEN_PERMISSION } from '../../api/screen';
import type { TFunction } from '../../i18n/i18n';
import type { MessageKey } from '../../locales/zh-CN';

/**
 * A menu entry; `hiddenWith` hides it from holders of that permission (a member's menu is 我的档案 only);
 * entries with the same `group` show as one sub-menu (GROUP_ICONS gives its icon).
 */
type Entry = { path: string; label: MessageKey; icon: ReactNode; permission?: string; hiddenWith?: string; group?: MessageKey };

/** Icons of the sub-menus. */
const GROUP_ICONS: Partial<Record<MessageKey, ReactNode>> = { 'menu.orgLife': <CalendarOutlined />, 'menu.dues': <MoneyCollectOutlined /> };

/** All entries, in menu order. */
export const MENU_ENTRIES: Entry[] = [
  { path: '/', label: 'menu.home', icon: <HomeOutlined />, hiddenWith: 'self.file' },
  { path: '/screen', label: 'menu.screen', icon: <FundProjectionScreenOutlined />, permission: SCREEN_PERMISSION },
  { path: '/my', label: 'menu.my', icon: <IdcardOutlined />, permission: 'self.file' },
  { path: '/members', label: 'menu.members', icon: <UserOutlined />, permission: 'member.read' },
  { path: '/corrections', label: 'menu.corrections', icon: <SolutionOutlined />, permission: 'member.correction' },
  { path: '/pipeline', label: 'menu.pipeline', icon: <NodeIndexOutlined />, permission: 'pipeline.read' },
  { path: '/imports', label: 'menu.imports', icon: <CloudUploadOutlined />, permission: 'member.import' },
  { path: '/activities', label: 'menu.activities', icon: <CalendarOutlined />, permission: 'activity.read', group: 'menu.orgLife' },
  { path: '/plans', label: 'menu.plans', icon: <CarryOutOutlined />, permission: 'activity.read', group: 'menu.orgLife' },
  { path: '/participation', label: 'menu.participation', icon: <RiseOutlined />, permission: 'activity.read', group: 'menu.orgLife' },
  { path: '/supervision', label: 'menu.supervision', icon: <AuditOutlined />, permission: 'activity.read', group: 'menu.orgLife' },
  { path: '/supervision/bulletins', label: 'menu.bulletins', icon: <FileTextOutlined />, permission: 'activity.read', group: 'menu.orgLife' },
  { path: '/supervision/assessment', label: 'menu.assessment', icon: <TrophyOutlined />, permission: 'activity.read', group: 'menu.orgLife' },
  { path: '/checkin-devices', label: 'menu.devices', icon: <ScanOutlined />, permission: DEVICE_PERMISSION, group: 'menu.orgLife' },
  { path: '/card-revocations', label: 'menu.cards', icon: <CreditCardOutlined />, permission: REVOCATIONS_PERMISSION, group: 'menu.orgLife' },
  { path: '/dues/monitor', label: 'menu.duesMonitor', icon: <DashboardOutlined />, permission: DUES_READ_PERMISSION, group: 'menu.dues' },
  { path: '/dues/bills', label: 'menu.duesBills', icon: <AccountBookOutlined />, permission: DUES_READ_PERMISSION, group: 'menu.dues' },
  // Not in a member's menu (it is 我的档案 only; the members journey checks it): members reach it from 我的党费 in 我的档案.
  { path: '/dues/quote', label: 'menu.duesQuote', icon: <CalculatorOutlined />, permission: DUES_QUOTE_PERMISSION, hiddenWith: 'self.file', group: 'menu.dues' },
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

/** One item of an antd Menu. */
type ItemType = NonNullable<MenuProps['items']>[number];

/** The key of a group's sub-menu. */
const groupKey = (group: MessageKey) => `group:${group}`;

/**
 * The antd Menu items of the visible entries: grouped entries form one sub-menu at the place of the
 * first of them (a group with one visible entry shows that entry alone).
 */
export function menuItems(entries: Entry[], t: TFunction): ItemType[] {
  const items: ItemType[] = [];
  const seen = new Set<string>();
  const leaf = (e: Entry): ItemType => ({ key: e.path, icon: e.icon, label: t(e.label) });
  for (const e of entries) {
    if (!e.group) {
      items.push(leaf(e));
      continue;
    }
    if (seen.has(e.group)) continue;
    seen.add(e.group);
    const members = entries.filter((x) => x.group === e.group);
    items.push(
      members.length === 1
        ? leaf(e)
        : { key: groupKey(e.group), icon: GROUP_ICONS[e.group], label: t(e.group), children: members.map(leaf) },
    );
  }
  return items;
}

/** The sub-menu to open for a selected entry. */
export function openGroupKeys(selected: string | undefined, entries: Entry[]): string[] {
  const group = entries.find((e) => e.path === selected)?.group;
  return group ? [groupKey(group)] : [];
}
