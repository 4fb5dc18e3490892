// The demo accounts listed on the login page (public, demo mode only).
import { request } from './client';
import type { Role } from './types';

/** One demo account: an administrator's name, or a member's 18-digit ID number. */
export type DemoAccount = { username: string; kind: 'admin' | 'member'; role: Role; displayName: string; orgName: string | null };

/** GET /api/demo/accounts (404 outside demo mode). */
export const getDemoAccounts = () =>
  request<{ password: string; accounts: DemoAccount[] }>('/api/demo/accounts', { noAuthRedirect: true });
