import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { onCleanup } from './cleanup.ts';

/** The repository root and the `hongyun` command. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = path.join(ROOT, 'bin/hongyun.mjs');

/** Raised when a server does not answer /api/health in time or exits early: the bench exits non-zero. */
export class StartError extends Error {}

export type ServerOptions = {
  label: string;
  dataDir: string;
  /** Extra environment (DATABASE_URL, LOGIN_RATE_LIMIT_PER_MINUTE…). */
  env?: Record<string, string>;
  startTimeoutMs?: number;
  /** Options for the server's node (e.g. --cpu-prof), before the script. */
  nodeArgs?: string[];
};

export type RunningServer = {
  label: string;
  pid: number;
  port: number;
  /** Wall time from spawn to the first 200 from /api/health. */
  readyMs: number;
  /** CPU time (user + system) the server process had used when it was ready, or null (non-Linux). */
  readyCpuMs: number | null;
  /** The server's own "ready in N ms" figure (measured inside the process, after module loading). */
  reportedReadyMs: number | null;
  output(): string;
  /** Resident memory of the server process in MiB (Linux), or null. */
  rssMb(): number | null;
  /** SIGTERM, wait for exit (SIGKILL after the grace period); returns how long it took. */
  stop(): Promise<{ ms: number; code: number | null; signal: string | null }>;
};

/** CPU time (user + system, ms) a process has used so far, from /proc (Linux only). */
export function cpuMs(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[11] and [12] are utime and stime (fields 14 and 15 of proc(5)), in clock ticks (100 Hz on Linux).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** One GET on a fresh connection; resolves to the status code, or 0 when nothing answers. */
export function probe(port: number, urlPath: string, timeoutMs = 1000): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: urlPath, agent: false, timeout: timeoutMs, headers: { connection: 'close' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', () => resolve(0));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
  });
}

/** Environment of a server: the caller's, minus anything that would change which database or port it uses. */
function serverEnv(port: number, opts: ServerOptions): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of ['DATABASE_URL', 'PORT', 'HOST', 'DATA_DIR', 'HONGYUN_MODE', 'HONGYUN_KEYS']) delete env[k];
  return { ...env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: opts.dataDir, ...opts.env };
}

function waitExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const t = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(t);
      resolve(true);
    });
  });
}

/**
 * Spawns `node bin/hongyun.mjs serve --dev --demo` in its own process group and polls
 * /api/health every 50 ms until the first 200.
 */
export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const port = await freePort();
  const timeoutMs = opts.startTimeoutMs ?? 60_000;
  let out = '';
  let reportedReadyMs: number | null = null;
  const t0 = performance.now();
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), BIN, 'serve', '--dev', '--demo'], {
    cwd: ROOT,
    env: serverEnv(port, opts),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const collect = (d: Buffer) => {
    out = (out + d.toString()).slice(-64_000);
    const m = /ready in (\d+) ms/.exec(out);
    if (m && reportedReadyMs === null) reportedReadyMs = Number(m[1]);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const pid = child.pid!;

  let stopped: ReturnType<RunningServer['stop']> | null = null;
  const doStop = () => {
    stopped ??= (async () => {
      const s0 = performance.now();
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        if (!(await waitExit(child, 15_000))) {
          try {
            process.kill(-pid, 'SIGKILL');
          } catch {}
          await waitExit(child, 5_000);
        }
      }
      // Nothing the server started may outlive it.
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {}
      return { ms: performance.now() - s0, code: child.exitCode, signal: child.signalCode };
    })();
    return stopped;
  };
  const unregister = onCleanup(`server ${opts.label} (pid ${pid})`, async () => {
    await doStop();
  });

  let readyMs = -1;
  let readyCpuMs: number | null = null;
  while (performance.now() - t0 < timeoutMs) {
    if (child.exitCode !== null || child.signalCode !== null) break;
    if ((await probe(port, '/api/health')) === 200) {
      readyMs = performance.now() - t0;
      readyCpuMs = cpuMs(pid);
      break;
    }
    await sleep(50);
  }
  if (readyMs < 0) {
    const why = child.exitCode !== null || child.signalCode !== null ? `exited (${child.exitCode ?? child.signalCode})` : `no 200 from /api/health in ${timeoutMs} ms`;
    await unregister();
    throw new StartError(`server ${opts.label} failed to start: ${why}\n--- server output (tail) ---\n${out.slice(-4000)}`);
  }

  return {
    label: opts.label,
    pid,
    port,
    readyMs,
    readyCpuMs,
    get reportedReadyMs() {
      return reportedReadyMs;
    },
    output: () => out,
    rssMb() {
      try {
        const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
        return m ? Math.round(Number(m[1]) / 1024) : null;
      } catch {
        return null;
      }
    },
    async stop() {
      const r = await doStop();
      await unregister();
      return r;
    },
  };
}
