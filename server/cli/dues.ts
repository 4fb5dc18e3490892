import { ensureCountyRoot } from '../bootstrap/bootstrap.ts';
import { formatFen } from '../../common/dues.ts';
import { progress } from '../core/progress.ts';
import { generateBills } from '../modules/dues/bills.ts';
import { currentMonth, isMonth } from '../modules/dues/bills.rules.ts';
import { rebuildDuesRollup } from '../modules/dues/rollup.ts';
import { runWarnings } from '../modules/dues/warnings.ts';
import { openForCli } from './context.ts';

const say = (s: string) => process.stdout.write(`${s}\n`);

/**
 * `hongyun dues bills --month YYYY-MM`: the monthly bills of the county's members for a month, the
 * same code as the job of the 1st, with a progress line on stderr. Running it again creates nothing
 * new. A month that has not started yet is refused.
 */
export async function duesBillsCmd(opts: { month?: string }) {
  const month = opts.month ?? currentMonth();
  if (!isMonth(month)) throw new Error(`invalid --month ${month}: expected YYYY-MM (2000-01 … 2100-12)`);
  if (month > currentMonth()) throw new Error(`refusing to bill ${month}: the month has not started (now ${currentMonth()})`);
  const { database, services } = await openForCli({}, true);
  try {
    const root = await ensureCountyRoot(services);
    const r = await generateBills(services, { countyCode: root.countyCode, month, onProgress: progress(`党费账单 bills ${month}`) });
    const issues = r.baseMissing + r.categoryMissing;
    say(
      `${month} 党费账单：新建 ${r.created} 条（应交 ${formatFen(r.createdFen)} 元${issues > 0 ? `；缺少计算基数 ${r.baseMissing} 条，缺少党费类别 ${r.categoryMissing} 条，须支部补充` : ''}），` +
        `本月账单共 ${r.bills} 条，用时 ${(r.ms / 1000).toFixed(1)} s`,
    );
  } finally {
    await database.close();
  }
}

/** `hongyun dues warnings`: the early warning the daily job runs (notifications, 自行脱党 review cases); a rerun writes nothing twice. */
export async function duesWarningsCmd() {
  const { database, services } = await openForCli({}, true);
  try {
    const root = await ensureCountyRoot(services);
    const r = await runWarnings(services, root.countyCode);
    say(
      `${r.month} 党费预警：提醒欠缴党员 ${r.membersWarned} 人、支部 ${r.branchesWarned} 个；新增脱党审查待办 ${r.casesOpened} 件，撤销 ${r.casesCancelled} 件；` +
        `收缴率偏低组织 ${r.lowShareOrgs} 个`,
    );
  } finally {
    await database.close();
  }
}

/** `hongyun dues rollup --rebuild`: recomputes the per-organization monthly rollup from the bills. */
export async function duesRollupCmd(opts: { rebuild?: boolean }) {
  if (!opts.rebuild) throw new Error('nothing to do: pass --rebuild to recompute the rollup from the bills');
  const { database, services } = await openForCli({}, true);
  try {
    const root = await ensureCountyRoot(services);
    const t0 = performance.now();
    const n = await rebuildDuesRollup(services.db, root.countyCode);
    say(`党费汇总已重建：${n} 行（组织 × 月份），用时 ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  } finally {
    await database.close();
  }
}
