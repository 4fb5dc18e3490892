import { ensureCountyRoot } from '../bootstrap/bootstrap.ts';
import { formatFen } from '../../common/dues.ts';
import { progress } from '../core/progress.ts';
import { generateBills } from '../modules/dues/bills.ts';
import { currentMonth, isMonth } from '../modules/dues/bills.rules.ts';
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
