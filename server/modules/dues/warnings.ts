// The dues early warning as a daily job (docs/DUES.md "Early warning"): members with 3 months of
// arrears are warned (the member and the branch, in the notification centre), 6 consecutive months open
// a 自行脱党 review case in the branch's to-do list (never decided automatically; cancelled when the
// member pays), organizations below the paid share by the warning day are warned; and the branch's
// one-click reminder to the members who have not paid a month. Every notification has a dedupe key, so a
// rerun (a retry, `hongyun dues warnings`) writes nothing twice.
import { and, eq, inArray, notInArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { formatFen } from '../../../common/dues.ts';
import { todayIn } from '../../../common/calendar.ts';
import type { Ctx } from '../../core/access/context.ts';
import { audit } from '../../core/audit/audit.ts';
import { uuidv7 } from '../../core/ids.ts';
import type { Services } from '../../core/services.ts';
import { appendFileEvents } from '../members/member-file.ts';
import { type NotificationInput, notify } from '../notifications/notify.ts';
import { counties, orgTodos } from '../orgs/orgs.tables.ts';
import { addMonthsTo } from './bills.rules.ts';
import { duesBills } from './dues.tables.ts';
import { duesSettingsOf } from './dues.service.ts';
import { warningApplies } from './monitoring.rules.ts';
import { type ArrearsRow, arrears, viewOrg } from './monitoring.service.ts';
import type { ReminderBody } from './monitoring.schemas.ts';
import { members } from '../members/members.tables.ts';
import { DUES_PAY } from './payments.service.ts';

/** The daily job and its schedule (02:00 Asia/Shanghai, after the bills of the 1st). */
export const WARNINGS_JOB = 'dues.warnings';
export const WARNINGS_CRON = '0 2 * * *';
/** The kind of the 自行脱党 review case in org_todos. */
export const LAPSE_TODO = 'lapse_review';

const yuan = (fen: number) => formatFen(fen);

/** What a run did in one county. */
export type WarningRun = { countyCode: string; month: string; membersWarned: number; branchesWarned: number; casesOpened: number; casesCancelled: number; lowShareOrgs: number };

const memberWarning = (county: string, month: string, a: ArrearsRow): NotificationInput => ({
  countyCode: county,
  recipient: { kind: 'member', memberId: a.memberId },
  kind: 'dues.arrears',
  severity: a.level === 'lapse_review' ? 'danger' : 'warning',
  title: { 'zh-CN': `您已欠缴党费 ${a.months} 个月`, en: `Your dues are ${a.months} months in arrears` },
  body: {
    'zh-CN': `欠缴 ${yuan(a.owedFen)} 元（${a.firstMonth} 至 ${a.lastMonth}）。请尽快缴纳，或与所在支部联系说明情况。`,
    en: `${yuan(a.owedFen)} yuan unpaid (${a.firstMonth} to ${a.lastMonth}). Please pay soon or talk to your branch.`,
  },
  params: { months: a.months, run: a.run, owedFen: a.owedFen, firstMonth: a.firstMonth, lastMonth: a.lastMonth },
  link: '/my?tab=dues',
  dedupeKey: `dues.arrears:${a.memberId}:${month}`,
});

const branchWarning = (county: string, month: string, orgId: string, rows: ArrearsRow[]): NotificationInput => {
  const names = rows.slice(0, 5).map((r) => r.name).join('、');
  const more = rows.length > 5 ? ` 等 ${rows.length} 人` : '';
  return {
    countyCode: county,
    recipient: { kind: 'org', orgId },
    kind: 'dues.arrears_branch',
    severity: 'warning',
    title: { 'zh-CN': `${rows.length} 名党员欠缴党费满 3 个月`, en: `${rows.length} members are 3 or more months in arrears` },
    body: { 'zh-CN': `${names}${more}。请督促补交；连续 6 个月未交纳的将列入待办，由支部审查。`, en: `${rows.map((r) => r.name).slice(0, 5).join(', ')}${rows.length > 5 ? ` and ${rows.length - 5} more` : ''}. Remind them to pay; six months in a row open a review in the to-do list.` },
    params: { count: rows.length, members: rows.map((r) => r.memberId) },
    link: `/dues/monitor?tab=warnings&orgId=${orgId}`,
    dedupeKey: `dues.arrears_branch:${orgId}:${month}`,
  };
};

/**
 * Runs the early warning of one county as of `today` (YYYY-MM-DD, Asia/Shanghai). One transaction: the
 * notifications, the review cases and the cancellations land together.
 */
export async function runWarnings(services: Services, countyCode: string, today = todayIn()): Promise<WarningRun> {
  const month = today.slice(0, 7);
  return services.db.transaction(async (tx) => {
    const rows = await arrears(tx, countyCode, null, month);
    const byOrg = new Map<string, ArrearsRow[]>();
    for (const r of rows) byOrg.set(r.orgId, [...(byOrg.get(r.orgId) ?? []), r]);
    const membersWarned = await notify(tx, rows.map((r) => memberWarning(countyCode, month, r)));
    const branchesWarned = await notify(tx, [...byOrg].map(([orgId, rs]) => branchWarning(countyCode, month, orgId, rs)));

    // 自行脱党 review cases: one per member and run (the run's first month in the key).
    const lapse = rows.filter((r) => r.level === 'lapse_review');
    let casesOpened = 0;
    for (let i = 0; i < lapse.length; i += 500) {
      const chunk = lapse.slice(i, i + 500);
      const inserted = await tx
        .insert(orgTodos)
        .values(
          chunk.map((r) => ({
            countyCode, id: uuidv7(), orgId: r.orgId, kind: LAPSE_TODO, memberId: r.memberId,
            title: `${r.name}已连续 ${r.run} 个月未交纳党费，请支部审查是否按自行脱党处理`,
            detail: { run: r.run, months: r.months, firstMonth: addMonthsTo(month, -r.run), owedFen: r.owedFen, openedOn: today },
            dedupeKey: `lapse:${r.memberId}:${addMonthsTo(month, -r.run)}`,
          })),
        )
        .onConflictDoNothing()
        .returning({ memberId: orgTodos.memberId, orgId: orgTodos.orgId, detail: orgTodos.detail });
      casesOpened += inserted.length;
      // The case is in the member's electronic file too (section 党费).
      await appendFileEvents(
        tx,
        { actorId: null, actorName: '党费预警' },
        inserted.map((c) => {
          const d = c.detail as { run: number; firstMonth: string; owedFen: number };
          return {
            countyCode, memberId: c.memberId!, orgId: c.orgId, section: 'dues' as const, source: 'dues', type: 'lapse_review_opened', occurredOn: today,
            title: `连续 ${d.run} 个月未交纳党费（自 ${d.firstMonth} 起，欠缴 ${yuan(d.owedFen)} 元），列入支部自行脱党审查`,
            detail: { run: d.run, firstMonth: d.firstMonth, owedFen: d.owedFen },
          };
        }),
      );
    }
    // A case whose member is no longer 6 months in a row behind (paid, or no longer billed) is cancelled.
    const still = lapse.map((r) => r.memberId);
    const cancelled = await tx
      .update(orgTodos)
      .set({ status: 'cancelled', decidedAt: new Date(), detail: sql`coalesce(${orgTodos.detail}, '{}'::jsonb) || '{"cancelledReason":"arrears_cleared"}'::jsonb` })
      .where(and(eq(orgTodos.countyCode, countyCode), eq(orgTodos.kind, LAPSE_TODO), eq(orgTodos.status, 'open'), still.length ? notInArray(orgTodos.memberId, still) : undefined))
      .returning({ id: orgTodos.id });

    // Organizations below the paid share, from the warning day on.
    const settings = await duesSettingsOf(tx, countyCode);
    let lowShareOrgs = 0;
    if (warningApplies(month, today, settings.warnDay)) {
      const low = (
        (await tx.execute(sql`
          SELECT r.org_id, r.due, r.paid FROM dues_org_months r
           WHERE r.county_code = ${countyCode} AND r.month = ${month} AND r.due > 0 AND r.paid::bigint * 10000 < ${settings.warnShareBp}::bigint * r.due`)) as unknown as {
          rows: { org_id: string; due: number; paid: number }[];
        }
      ).rows;
      const pct = (bp: number) => (bp / 100).toFixed(bp % 100 ? 2 : 0);
      lowShareOrgs = await notify(
        tx,
        low.map((r) => {
          const share = pct(Math.floor((Number(r.paid) * 10_000) / Number(r.due)));
          return {
            countyCode, recipient: { kind: 'org' as const, orgId: r.org_id }, kind: 'dues.low_share', severity: 'warning' as const,
            title: { 'zh-CN': `${month} 党费收缴率 ${share}%，低于 ${pct(settings.warnShareBp)}%`, en: `${month} dues paid ${share}%, below ${pct(settings.warnShareBp)}%` },
            body: { 'zh-CN': `应缴 ${r.due} 人，已缴 ${r.paid} 人。请在月底前完成收缴，实现党费“月月清”。`, en: `${r.paid} of ${r.due} members have paid. Collect the rest before the month ends.` },
            params: { month, due: Number(r.due), paid: Number(r.paid) },
            link: `/dues/bills?month=${month}&orgId=${r.org_id}`,
            dedupeKey: `dues.low_share:${r.org_id}:${month}`,
          };
        }),
      );
    }
    return { countyCode, month, membersWarned, branchesWarned, casesOpened, casesCancelled: cancelled.length, lowShareOrgs };
  });
}

/** Runs the warning of every county. */
export async function runAllWarnings(services: Services, today = todayIn()) {
  const list = await services.db.select({ code: counties.code }).from(counties);
  const out: WarningRun[] = [];
  for (const c of list) out.push(await runWarnings(services, c.code, today));
  return out;
}

/** Registers the job and its daily schedule. */
export function registerWarningJobs(services: Services) {
  services.jobs.handle(WARNINGS_JOB, async () => {
    const runs = await runAllWarnings(services);
    services.log.info({ runs }, 'dues warnings');
  });
  services.jobs.schedule({ name: WARNINGS_JOB, cron: WARNINGS_CRON, job: WARNINGS_JOB });
}

/**
 * The branch's one-click reminder: every member of the organization (its own bills, not the subtree),
 * in a standing that pays dues, whose bill of the month is still unpaid — or those of `memberIds` among them — gets a notification;
 * once a day per bill. Answers how many were reminded now and how many had been today already.
 */
export async function remindUnpaid(ctx: Ctx, body: z.infer<typeof ReminderBody>) {
  const o = await viewOrg(ctx, DUES_PAY, body.orgId);
  const today = todayIn();
  return ctx.services.db.transaction(async (tx) => {
    const bills = await tx
      .select({ id: duesBills.id, memberId: duesBills.memberId, amountFen: duesBills.amountFen, paidFen: duesBills.paidFen, name: members.name })
      .from(duesBills)
      .innerJoin(members, and(eq(members.countyCode, duesBills.countyCode), eq(members.id, duesBills.memberId)))
      .where(
        and(
          eq(duesBills.countyCode, o.countyCode), eq(duesBills.month, body.month), eq(duesBills.orgId, o.id), inArray(duesBills.state, ['due', 'partially_paid']),
          inArray(members.standing, ['normal', 'restored']),
          sql`${duesBills.amountFen} IS NOT NULL`, body.memberIds ? inArray(duesBills.memberId, body.memberIds) : undefined,
        ),
      );
    const reminded = await notify(
      tx,
      bills.map((b) => {
        const left = yuan((b.amountFen ?? 0) - b.paidFen);
        return {
          countyCode: o.countyCode, recipient: { kind: 'member' as const, memberId: b.memberId }, kind: 'dues.reminder',
          title: { 'zh-CN': `请缴纳 ${body.month} 党费 ${left} 元`, en: `Please pay your ${body.month} dues: ${left} yuan` },
          body: { 'zh-CN': `${o.name}提醒您缴纳 ${body.month} 党费。可在“我的党费”中在线缴纳，或交给支部党费收缴人。`, en: `${o.name} reminds you to pay your ${body.month} dues, online in My dues or to the branch treasurer.` },
          params: { month: body.month, billId: b.id, leftFen: (b.amountFen ?? 0) - b.paidFen },
          link: '/my?tab=dues',
          dedupeKey: `dues.reminder:${b.id}:${today}`,
        };
      }),
    );
    await audit(ctx, tx, { action: 'dues.remind', result: 'success', objectType: 'organization', objectId: o.id, orgId: o.id, detail: { month: body.month, unpaid: bills.length, reminded } });
    return { unpaid: bills.length, reminded, alreadyToday: bills.length - reminded };
  });
}

