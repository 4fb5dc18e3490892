// Roles as data (SECURITY.md items 1-5). Labels live in the locale files.

/** Every role a grant can carry. */
export const ROLES = [
  'county_admin',
  'township_admin',
  'branch_secretary',
  'branch_committee',
  'member',
  'grid_worker',
  'system_admin',
  'security_admin',
  'audit_admin',
  'api_client',
] as const;

/** A role name. */
export type Role = (typeof ROLES)[number];

/** 三员分立: no account may hold two of these. */
export const SEPARATED_ROLES: readonly Role[] = ['system_admin', 'security_admin', 'audit_admin'];

/** Roles that must use a second factor (TOTP) in production mode. */
export const MFA_ROLES: readonly Role[] = [
  'county_admin',
  'township_admin',
  'branch_secretary',
  'branch_committee',
  'system_admin',
  'security_admin',
  'audit_admin',
];

/** Roles whose holders are administrators (password expiry applies). */
export const ADMIN_ROLES: readonly Role[] = [
  'county_admin',
  'township_admin',
  'system_admin',
  'security_admin',
  'audit_admin',
];

/** True when adding `role` to `held` would break 三员分立. */
export function breaksSeparation(held: readonly Role[], role: Role): boolean {
  if (!SEPARATED_ROLES.includes(role)) return false;
  return held.some((r) => r !== role && SEPARATED_ROLES.includes(r));
}
