// Auth endpoints: login, session, logout, password and TOTP.
import { api, request } from './client';
import type { Health, Me } from './types';

/** Credentials sent to /api/auth/login; totp only on the second step. */
export type LoginInput = { username: string; password: string; totp?: string };

/** GET /api/health (public). */
export const getHealth = () => request<Health>('/api/health', { noAuthRedirect: true });

/** POST /api/auth/login; never redirects on 401 (TOTP_REQUIRED and wrong passwords are 401). */
export const login = (input: LoginInput) => api.post<Me>('/api/auth/login', input, { noAuthRedirect: true });

/** GET /api/auth/me. */
export const getMe = (noAuthRedirect = false) => request<Me>('/api/auth/me', { noAuthRedirect });

/** POST /api/auth/logout. */
export const logout = () => api.post<void>('/api/auth/logout', {}, { noAuthRedirect: true });

/** POST /api/auth/password. */
export const changePassword = (currentPassword: string, newPassword: string) =>
  api.post<void>('/api/auth/password', { currentPassword, newPassword });

/** Answer of POST /api/auth/totp/setup. */
export type TotpSetup = { secret: string; otpauthUrl: string; qrDataUrl: string };

/** POST /api/auth/totp/setup. */
export const setupTotp = () => api.post<TotpSetup>('/api/auth/totp/setup', {});

/** POST /api/auth/totp/enable. */
export const enableTotp = (code: string) => api.post<void>('/api/auth/totp/enable', { code });
