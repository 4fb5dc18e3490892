// A CPU profile of a running server for just the measured part of a benchmark: SIGUSR1 opens the
// server's inspector on 127.0.0.1:9229 and the Chrome DevTools protocol starts and stops the
// profiler. Needs a global WebSocket (Node ≥ 22, or Node 20 with NODE_OPTIONS=--experimental-websocket).
// The .cpuprofile opens in Chrome DevTools or speedscope.
import fs from 'node:fs';

type Cdp = { send: (method: string, params?: unknown) => Promise<unknown>; close: () => void };

async function connect(pid: number): Promise<Cdp> {
  process.kill(pid, 'SIGUSR1');
  let url: string | undefined;
  for (let i = 0; i < 50 && !url; i++) {
    try {
      const list = (await (await fetch('http://127.0.0.1:9229/json/list')).json()) as { webSocketDebuggerUrl: string }[];
      url = list[0]?.webSocketDebuggerUrl;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  if (!url) throw new Error('the server inspector did not open');
  const WS = (globalThis as { WebSocket?: new (u: string) => WebSocket }).WebSocket;
  if (!WS) throw new Error('no global WebSocket: run with NODE_OPTIONS=--experimental-websocket on Node 20');
  const ws = new WS(url);
  await new Promise((resolve, reject) => {
    ws.onopen = resolve;
    ws.onerror = reject;
  });
  let id = 0;
  const waiting = new Map<number, (r: unknown) => void>();
  ws.onmessage = (e) => {
    const m = JSON.parse(String(e.data)) as { id?: number; result?: unknown };
    if (m.id !== undefined) waiting.get(m.id)?.(m.result);
  };
  return {
    send: (method, params) =>
      new Promise((resolve) => {
        const k = ++id;
        waiting.set(k, resolve);
        ws.send(JSON.stringify({ id: k, method, params }));
      }),
    close: () => ws.close(),
  };
}

/** Starts profiling the process; the returned function stops and writes the profile to `out`. */
export async function profileProcess(pid: number, out: string): Promise<() => Promise<void>> {
  const cdp = await connect(pid);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  return async () => {
    const r = (await cdp.send('Profiler.stop')) as { profile: unknown };
    fs.writeFileSync(out, JSON.stringify(r.profile));
    cdp.close();
  };
}
