import type { Role } from '../../../common/roles.ts';
import type { Lang } from '../errors/messages.ts';

// Labels of codes that appear in server-made documents (Excel exports, reports). The console has
// the same words in web/src/locales; keep the two in step.
const LABELS: Record<string, readonly [string, string]> = {
  'role.county_admin': ['县级管理员', 'County administrator'],
  'role.township_admin': ['乡镇管理员', 'Township administrator'],
  'role.branch_secretary': ['支部书记', 'Branch secretary'],
  'role.branch_committee': ['支委委员', 'Branch committee member'],
  'role.member': ['党员', 'Party member'],
  'role.grid_worker': ['网格员', 'Grid worker'],
  'role.system_admin': ['系统管理员', 'System administrator'],
  'role.security_admin': ['安全管理员', 'Security administrator'],
  'role.audit_admin': ['审计管理员', 'Audit administrator'],
  'role.api_client': ['API 客户端', 'API client'],
  'status.active': ['正常', 'Active'],
  'status.disabled': ['已停用', 'Disabled'],
  'result.success': ['成功', 'Success'],
  'result.failure': ['失败', 'Failure'],
  'result.denied': ['拒绝', 'Denied'],
  'job.pending': ['等待中', 'Pending'],
  'job.running': ['运行中', 'Running'],
  'job.done': ['已完成', 'Done'],
  'job.failed': ['失败', 'Failed'],
};

/** The label of `prefix.code` in a language; the code itself when unknown. */
export function label(lang: Lang, prefix: 'role' | 'status' | 'result' | 'job', code: string | null | undefined): string {
  if (!code) return '';
  const pair = LABELS[`${prefix}.${code}`];
  return pair ? pair[lang === 'en' ? 1 : 0] : code;
}

/** Role labels joined for a cell. */
export const roleLabels = (lang: Lang, roles: readonly (Role | string)[]) => roles.map((r) => label(lang, 'role', r)).join('、');
