import path from 'node:path';

/** Where the process runs: demo (embedded database with a demo county) or production (every SECURITY.md rule). */
export type Mode = 'demo' | 'production';

/** Runtime configuration, read once from the environment and the command line. */
export type Config = {
  mode: Mode;
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  countyCode: string;
  countyName: string;
  /** JSON key ring (see crypto/keys.ts); when absent a key file is generated in dataDir. */
  keysJson: string | undefined;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  loginMaxFailures: number;
  loginLockMinutes: number;
  loginRateLimitPerMinute: number;
  passwordMaxAgeDays: number;
  bodyLimitBytes: number;
  exportMaxRows: number;
  /** Lists count matches exactly up to this many, then say "more than" (a province need not count a million rows per page). */
  listCountCap: number;
  /** Largest .xlsx an import accepts (bytes) and most data rows it reads. */
  importMaxBytes: number;
  importMaxRows: number;
  /** Largest photo, video and attachment an activity record accepts (bytes; 413 beyond). */
  mediaMaxBytes: { photo: number; video: number; attachment: number };
  secureCookies: boolean;
  trustProxy: boolean;
  logLevel: string;
  version: string;
  /** Start the background job worker and scheduler. */
  runJobs: boolean;
  /** The online-payment simulator's HMAC secret (HONGYUN_PAY_SIM_SECRET; generated per process when absent). */
  paySimSecret: string | undefined;
};

type Env = Record<string, string | undefined>;

const int = (v: string | undefined, d: number) => {
  const n = v === undefined || v === '' ? Number.NaN : Number(v);
  return Number.isFinite(n) ? n : d;
};
const bool = (v: string | undefined, d: boolean) =>
  v === undefined || v === '' ? d : ['1', 'true', 'yes', 'on'].includes(v.toLowerCase());

/** Options given on the command line that override the environment. */
export type ModeFlags = { production?: boolean; demo?: boolean };

/** Decides the mode: production when asked for, or when DATABASE_URL is set unless --demo. */
export function resolveMode(env: Env, flags: ModeFlags = {}): Mode {
  if (flags.demo) return 'demo';
  if (flags.production) return 'production';
  if (env.HONGYUN_MODE === 'production' || env.HONGYUN_MODE === 'demo') return env.HONGYUN_MODE;
  if (env.NODE_ENV === 'production') return 'production';
  if (env.DATABASE_URL) return 'production';
  return 'demo';
}

/** Reads the configuration from environment variables (documented in README.md). */
export function loadConfig(env: Env = process.env, flags: ModeFlags = {}): Config {
  const mode = resolveMode(env, flags);
  return {
    mode,
    port: int(env.PORT, 3000),
    host: env.HOST || '127.0.0.1',
    dataDir: path.resolve(env.DATA_DIR || 'data'),
    databaseUrl: env.DATABASE_URL || undefined,
    countyCode: env.COUNTY_CODE || '330522',
    countyName: env.COUNTY_NAME || '长兴县',
    keysJson: env.HONGYUN_KEYS || undefined,
    sessionIdleMinutes: int(env.SESSION_IDLE_MINUTES, 30),
    sessionAbsoluteHours: int(env.SESSION_ABSOLUTE_HOURS, 12),
    loginMaxFailures: int(env.LOGIN_MAX_FAILURES, 5),
    loginLockMinutes: int(env.LOGIN_LOCK_MINUTES, 15),
    loginRateLimitPerMinute: int(env.LOGIN_RATE_LIMIT_PER_MINUTE, 30),
    passwordMaxAgeDays: int(env.PASSWORD_MAX_AGE_DAYS, 90),
    bodyLimitBytes: int(env.BODY_LIMIT_BYTES, 1024 * 1024),
    exportMaxRows: int(env.EXPORT_MAX_ROWS, 50000),
    listCountCap: int(env.LIST_COUNT_CAP, 100000),
    importMaxBytes: int(env.IMPORT_MAX_BYTES, 20 * 1024 * 1024),
    importMaxRows: int(env.IMPORT_MAX_ROWS, 50000),
    mediaMaxBytes: {
      photo: int(env.MEDIA_PHOTO_MAX_BYTES, 20 * 1024 * 1024),
      video: int(env.MEDIA_VIDEO_MAX_BYTES, 500 * 1024 * 1024),
      attachment: int(env.MEDIA_ATTACHMENT_MAX_BYTES, 20 * 1024 * 1024),
    },
    secureCookies: bool(env.SECURE_COOKIES, false),
    trustProxy: bool(env.TRUST_PROXY, false),
    logLevel: env.LOG_LEVEL || (env.NODE_ENV === 'test' ? 'silent' : 'info'),
    version: env.npm_package_version || '0.1.0',
    runJobs: bool(env.RUN_JOBS, true),
    paySimSecret: env.HONGYUN_PAY_SIM_SECRET || undefined,
  };
}
