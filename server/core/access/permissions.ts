import type { Role } from '../../../common/roles.ts';

/** A permission declared by a module, with the roles that hold it. */
export type PermissionDef = { roles: readonly Role[]; description: string };

const registry = new Map<string, PermissionDef>();

/** Registers a module's permissions; a permission may be declared once. */
export function definePermissions(defs: Record<string, PermissionDef>) {
  for (const [name, def] of Object.entries(defs)) {
    const prior = registry.get(name);
    if (prior && prior !== def) throw new Error(`permission ${name} declared twice`);
    registry.set(name, def);
  }
}

/** True when the permission exists. */
export const isPermission = (name: string) => registry.has(name);

/** All permissions with their definitions (for docs and the matrix). */
export const allPermissions = () => new Map(registry);

/** The permissions a role holds. */
export function permissionsOf(role: Role): string[] {
  return [...registry].filter(([, d]) => d.roles.includes(role)).map(([n]) => n);
}

/** The roles that hold a permission. */
export const rolesWith = (perm: string): readonly Role[] => registry.get(perm)?.roles ?? [];
