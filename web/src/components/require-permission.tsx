// Route guard: renders the 403 page when the user lacks a permission.
import type { ReactNode } from 'react';
import { ForbiddenPage } from '../pages/errors/error-pages';
import { useSession } from '../session/session';

/** Shows children only with `permission`; otherwise the 403 page. */
export function RequirePermission({ permission, children }: { permission: string; children: ReactNode }) {
  const { can } = useSession();
  return can(permission) ? children : <ForbiddenPage />;
}
