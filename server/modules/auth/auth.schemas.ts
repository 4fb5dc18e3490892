import { z } from 'zod';
import { ROLES } from '../../../common/roles.ts';

/** Login: administrators give a username, members their 18-digit ID number. */
export const LoginBody = z.strictObject({
  /** Username, or an 18-digit ID number for members. */
  username: z.string().trim().min(1).max(64),
  /** The password. */
  password: z.string().min(1).max(256),
  /** The 6-digit TOTP code when the account has a second factor. */
  totp: z.string().trim().max(10).optional(),
});

/** The logged-in account, its roles, grants and permissions. */
export const MeDto = z.object({
  account: z.object({
    id: z.string(),
    kind: z.enum(['admin', 'member']),
    username: z.string(),
    displayName: z.string(),
    countyCode: z.string(),
    orgId: z.string().nullable(),
    mustChangePassword: z.boolean(),
    totpEnabled: z.boolean(),
    isDemo: z.boolean(),
  }),
  roles: z.array(z.enum(ROLES)),
  grants: z.array(z.object({ id: z.string(), role: z.enum(ROLES), orgId: z.string(), orgName: z.string() })),
  permissions: z.array(z.string()),
  /** Set when the session may only change its password or enrol TOTP. */
  restricted: z.enum(['password_change', 'totp_enrol']).nullable(),
  /** Send as x-csrf-token on state-changing requests. */
  csrfToken: z.string(),
  mode: z.enum(['demo', 'production']),
});

/** Change one's own password. */
export const PasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().min(1).max(256),
});

/** A new TOTP secret to scan. */
export const TotpSetupDto = z.object({ secret: z.string(), otpauthUrl: z.string(), qrDataUrl: z.string() });

/** Confirm TOTP enrolment with a code from the app. */
export const TotpEnableBody = z.strictObject({ code: z.string().trim().min(6).max(6) });

/** An empty JSON body. */
export const EmptyBody = z.strictObject({}).optional();
