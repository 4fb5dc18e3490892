import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { DEMO_PASSWORD } from '../server/bootstrap/demo.ts';

/** A free loopback port. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/** A running `hongyun serve` on a temporary data dir. */
export type Server = { url: string; proc: ChildProcess; output: () => string; stop: () => Promise<void> };

/**
 * Starts the real server (demo mode unless env says otherwise) and waits until /api/health answers. Its
 * data dir is a copy of the demo county the global setup seeded (e2e/global-setup.ts).
 */
export async function startServer(env: Record<string, string> = {}): Promise<Server> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hy-e2e-'));
  fs.cpSync(inject('e2eTemplateDir'), dataDir, { recursive: true });
  const port = await freePort();
  let out = '';
  const proc = spawn(process.execPath, ['bin/hongyun.mjs', 'serve'], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', HONGYUN_MODE: 'demo', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  proc.stdout?.on('data', (d) => (out += d));
  proc.stderr?.on('data', (d) => (out += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`server exited: ${out}`);
    try {
      const r = await fetch(`${url}/api/health`);
      if (r.ok) break;
    } catch {}
    if (Date.now() > deadline) throw new Error(`server did not start: ${out}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    proc,
    output: () => out,
    async stop() {
      if (proc.exitCode === null) {
        proc.kill('SIGTERM');
        await new Promise((r) => proc.once('exit', r));
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Headless Debian chromium with a fresh profile. */
export async function browser(opts: { width?: number; height?: number; locale?: string } = {}): Promise<BrowserContext> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'hy-chromium-'));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    locale: opts.locale ?? 'zh-CN',
    viewport: { width: opts.width ?? 1280, height: opts.height ?? 800 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  // The profile goes with the browser (a journey leaves nothing in the temp dir).
  ctx.on('close', () => {
    try {
      fs.rmSync(profile, { recursive: true, force: true });
    } catch {}
  });
  return ctx;
}

/** Opens `${url}/login` in `page` and submits the form (the caller waits for what should follow). */
export async function submitLogin(page: Page, url: string, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${url}/login`);
  await page.fill('#username', username);
  await page.fill('#password', password);
  await page.click('button[type=submit]');
}

/** The server and browser of a test file, with a login shortcut. */
export type Journey = {
  readonly server: Server;
  readonly ctx: BrowserContext;
  /** A new page logged in as the demo account `username`, once the main menu shows. */
  loginAs(username: string): Promise<Page>;
  /** Logs `page` out (closing it) and returns a new page logged in as `username`. */
  switchTo(page: Page, username: string): Promise<Page>;
};

/** Starts a server and a browser before the file's tests and stops them after (call at the top of the file). */
export function journey(env: Record<string, string> = {}): Journey {
  let server: Server | undefined;
  let ctx: BrowserContext | undefined;
  beforeAll(async () => {
    server = await startServer(env);
    ctx = await browser();
  });
  afterAll(async () => {
    await ctx?.close();
    await server?.stop();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('journey(): the server and browser start in beforeAll');
    return value;
  };
  return {
    get server() {
      return started(server);
    },
    get ctx() {
      return started(ctx);
    },
    async loginAs(username) {
      const page = await this.ctx.newPage();
      await submitLogin(page, this.server.url, username);
      await page.waitForSelector('[data-testid="main-menu"]');
      return page;
    },
    async switchTo(page, username) {
      await page.click('[data-testid="logout"]');
      await page.waitForURL(/\/login/);
      await page.close();
      return this.loginAs(username);
    },
  };
}

/** Console messages of a page that a user would see as problems (errors, warnings, uncaught exceptions). */
export function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  return problems;
}
