import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { round } from './stats.ts';

/** A target: the figure must be below (`<`) or at least (`>=`) the value. */
export type Target = { op: '<' | '>=' | '='; value: number };

export type Figure = {
  name: string;
  value: number;
  unit: string;
  target: Target | null;
  status: 'PASS' | 'MISS' | 'info';
  note?: string;
};

/** Makes a figure and judges it against its target (no target: informational). */
export function figure(name: string, value: number, unit: string, target: Target | null, note?: string): Figure {
  let status: Figure['status'] = 'info';
  if (target) {
    const ok = target.op === '<' ? value < target.value : target.op === '>=' ? value >= target.value : value === target.value;
    status = ok ? 'PASS' : 'MISS';
  }
  return { name, value: round(value), unit, target, status, ...(note ? { note } : {}) };
}

const fmt = (v: number) => (Number.isFinite(v) ? v.toLocaleString('en-US', { maximumFractionDigits: 1 }) : String(v));

/** Prints the figures as an aligned table. */
export function printTable(title: string, figures: Figure[]) {
  const rows = figures.map((f) => [
    f.name,
    `${fmt(f.value)} ${f.unit}`.trim(),
    f.target ? `${f.target.op} ${fmt(f.target.value)} ${f.unit}`.trim() : '—',
    f.status,
    f.note ?? '',
  ]);
  const head = ['figure', 'measured', 'target', 'result', 'notes'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 1 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  const out = [`\n== ${title} ==`, line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
  process.stdout.write(`${out.join('\n')}\n`);
}

/** Where the machine and code stood when the figures were taken. */
export function environment(root: string) {
  let commit: string | null = null;
  let dirty: boolean | null = null;
  try {
    commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8', timeout: 5000 }).trim();
    dirty = execFileSync('git', ['status', '--porcelain', '--', 'server', 'common'], { cwd: root, encoding: 'utf8', timeout: 5000 }).trim() !== '';
  } catch {}
  const cpus = os.cpus();
  return {
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    cpuModel: cpus[0]?.model ?? 'unknown',
    cpuCount: cpus.length,
    memoryGiB: round(os.totalmem() / 2 ** 30),
    loadavg: os.loadavg().map(round),
    commit,
    serverSourcesDirty: dirty,
  };
}

/** Writes bench/results/<bench>-<engine>.json (foundation unless named); returns its path. */
export function writeResults(root: string, engine: string, data: unknown, bench = 'foundation'): string {
  const dir = path.join(root, 'bench/results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${bench}-${engine}.json`);
  fs.writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
  return file;
}
