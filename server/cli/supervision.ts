import { ensureCountyRoot } from '../bootstrap/bootstrap.ts';
import { todayIn } from '../../common/calendar.ts';
import { generateBulletin } from '../modules/supervision/bulletin.service.ts';
import { rebuildRollup, runRollup } from '../modules/supervision/rollup.ts';
import { openForCli } from './context.ts';

const say = (s: string) => process.stdout.write(`${s}\n`);

/** `hongyun rollup rebuild [--from YYYY-MM-DD]`: recomputes the activity rollup from the activities (the days from `from` on). */
export async function rollupRebuildCmd(opts: { from?: string }) {
  if (opts.from !== undefined && !/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(opts.from)) throw new Error(`--from ${opts.from}: expected YYYY-MM-DD`);
  const { database, services } = await openForCli({}, true);
  try {
    const root = await ensureCountyRoot(services);
    const t0 = performance.now();
    const r = await rebuildRollup(services, root.countyCode, { from: opts.from });
    say(`活动汇总已重建：${r.rows} 行（组织 × 日 × 类型）${opts.from ? `，自 ${opts.from} 起` : ''}，用时 ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  } finally {
    await database.close();
  }
}

/** `hongyun rollup run`: one incremental pass (what the job does every minute). */
export async function rollupRunCmd() {
  const { database, services } = await openForCli({}, true);
  try {
    const root = await ensureCountyRoot(services);
    const r = await runRollup(services, root.countyCode);
    say(r.full ? `活动汇总首次运行，已全部重建：${r.rows} 行` : `活动汇总已更新：重算 ${r.pairs} 个组织日，写入 ${r.rows} 行`);
  } finally {
    await database.close();
  }
}

/** `hongyun bulletin generate --month YYYY-MM`: the month's 通报 now (a new version), as the job makes it. */
export async function bulletinGenerateCmd(opts: { month: string }) {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(opts.month)) throw new Error(`--month ${opts.month}: expected YYYY-MM`);
  if (opts.month >= todayIn().slice(0, 7)) throw new Error(`--month ${opts.month}: the month has not ended`);
  const { database, services } = await openForCli({}, true);
  try {
    const root = await ensureCountyRoot(services);
    const t0 = performance.now();
    const r = await generateBulletin(services, root.countyCode, opts.month, todayIn(), 'cli');
    const c = r.content.county;
    say(`${opts.month} 通报已生成（第 ${r.version} 版）：评定党组织 ${c.orgs.total} 个（绿 ${c.orgs.green}、黄 ${c.orgs.amber}、红 ${c.orgs.red}），用时 ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  } finally {
    await database.close();
  }
}
