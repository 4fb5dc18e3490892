// Runs bench/lib/loadgen.mjs (a closed-loop raw HTTP/1.1 load generator) in its own process: every
// prepared request is sent exactly once over `connections` keep-alive connections.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from './cleanup.ts';

export type PreparedRequest = { method: string; path: string; headers: Record<string, string>; body: string };

export type LoadResult = {
  /** Seconds from the first request sent to the last answer. */
  duration: number;
  /** Answers by HTTP status. */
  statuses: Record<string, number>;
  /** Exact percentiles over every answered request (ms). */
  latency: { p50: number; p90: number; p99: number; max: number };
  /** Requests slower than 100 ms, by the quarter second (from the start) in which they were sent. */
  slowByQuarterSecond: Record<string, number>;
  /** Connection errors plus requests never answered. */
  errors: number;
  /** CPU time (ms) the load generator used. */
  cpuMs: number;
};

const SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'loadgen.mjs');

/** One raw HTTP/1.1 request. */
function raw(r: PreparedRequest, host: string) {
  const head = [`${r.method} ${r.path} HTTP/1.1`, `Host: ${host}`, ...Object.entries(r.headers).map(([k, v]) => `${k}: ${v}`), `Content-Length: ${Buffer.byteLength(r.body)}`];
  return `${head.join('\r\n')}\r\n\r\n${r.body}`;
}

/** Sends every request once and waits for every answer. */
export async function closedLoop(opts: { port: number; requests: PreparedRequest[]; connections: number }): Promise<LoadResult> {
  const dir = tempDir('hongyun-bench-load-');
  try {
    const file = path.join(dir.dir, 'requests');
    const host = `127.0.0.1:${opts.port}`;
    fs.writeFileSync(file, opts.requests.map((r) => `${raw(r, host)}\0`).join(''));
    const out = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, [SCRIPT, String(opts.port), file, String(opts.connections)], { maxBuffer: 16 << 20 }, (e, stdout, stderr) =>
        e ? reject(new Error(`load generator failed: ${e.message}\n${stderr}`)) : resolve(stdout),
      ),
    );
    return JSON.parse(out.trim().split('\n').pop() as string) as LoadResult;
  } finally {
    await dir.remove();
  }
}
