// A closed-loop HTTP/1.1 load generator for the check-in benchmarks, run as its own process
// (bench/lib/loadgen.ts starts it). It sends prepared raw requests — each exactly once — over N
// keep-alive connections, one request in flight per connection, and records every request's
// latency and start time, so percentiles are exact and slow requests can be placed in time.
// Why not wrk: Debian's wrk 4.1 reported p99 = 1,289 ms for a run where only 64 of 30,000
// requests (0.2 %) took longer than 21 ms (a test server that delayed its first 64 answers);
// autocannon is exact but spends ~3× this one's CPU per request on the shared cores.
//   node bench/lib/loadgen.mjs <port> <requests file: raw requests, each followed by a NUL byte> <connections>
// Prints one JSON line: { duration, statuses, latency: { p50, p90, p99, max }, slowByQuarterSecond, errors, cpuMs }.
import fs from 'node:fs';
import net from 'node:net';

const [port, file, conns] = [Number(process.argv[2]), process.argv[3], Number(process.argv[4] ?? 64)];
const raw = fs.readFileSync(file);
/** @type {Buffer[]} */
const requests = [];
for (let at = 0; at < raw.length; ) {
  const end = raw.indexOf(0, at);
  if (end < 0) break;
  requests.push(raw.subarray(at, end));
  at = end + 1;
}

const cpu0 = process.cpuUsage();
const t0 = performance.now();
let next = 0;
let errors = 0;
/** start offset (ms), latency (ms), status */
const starts = new Float64Array(requests.length);
const latencies = new Float64Array(requests.length);
const statuses = new Uint16Array(requests.length);
let answered = 0;

await new Promise((resolve) => {
  let open = conns;
  const finish = () => {
    if (--open === 0) resolve(undefined);
  };
  for (let c = 0; c < conns; c++) {
    const socket = net.connect(port, '127.0.0.1');
    socket.setNoDelay(true);
    let pending = Buffer.alloc(0);
    let current = -1;
    let started = 0;
    const send = () => {
      if (next >= requests.length) {
        socket.end();
        return;
      }
      current = next++;
      started = performance.now();
      socket.write(requests[current]);
    };
    socket.on('connect', send);
    socket.on('error', () => {
      errors++;
    });
    socket.on('close', finish);
    socket.on('data', (d) => {
      pending = pending.length ? Buffer.concat([pending, d]) : d;
      for (;;) {
        const headEnd = pending.indexOf('\r\n\r\n');
        if (headEnd < 0) return;
        const head = pending.subarray(0, headEnd).toString('latin1');
        const m = /\r\ncontent-length: *(\d+)/i.exec(head);
        if (!m) {
          errors++;
          socket.destroy();
          return;
        }
        const total = headEnd + 4 + Number(m[1]);
        if (pending.length < total) return;
        const now = performance.now();
        starts[current] = started - t0;
        latencies[current] = now - started;
        statuses[current] = Number(head.slice(9, 12));
        answered++;
        pending = pending.subarray(total);
        send();
      }
    });
  }
});

const duration = (performance.now() - t0) / 1000;
const sorted = Float64Array.from(latencies.subarray(0, requests.length)).filter((_, i) => statuses[i] !== 0).sort();
const pct = (p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : 0);
const byStatus = {};
const slow = {};
for (let i = 0; i < requests.length; i++) {
  if (statuses[i] === 0) continue;
  byStatus[statuses[i]] = (byStatus[statuses[i]] ?? 0) + 1;
  if (latencies[i] > 100) {
    const q = (Math.floor(starts[i] / 250) / 4).toFixed(2);
    slow[q] = (slow[q] ?? 0) + 1;
  }
}
const cpu = process.cpuUsage(cpu0);
process.stdout.write(
  `${JSON.stringify({
    duration,
    statuses: byStatus,
    latency: { p50: pct(50), p90: pct(90), p99: pct(99), max: sorted.length ? sorted[sorted.length - 1] : 0 },
    slowByQuarterSecond: slow,
    errors: errors + (requests.length - answered),
    cpuMs: (cpu.user + cpu.system) / 1000,
  })}\n`,
);
