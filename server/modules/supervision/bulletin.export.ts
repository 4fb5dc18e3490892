// A 通报 as a formal document (红头, 期号, title, body, tables, 抄送) in Excel, PDF or Word
// (server/core/documents), within the caller's scope, watermarked with the exporter and audited.
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import { pctText } from '../../../common/assessment-rules.ts';
import { periodLabelZh } from '../../../common/org-life-rules.ts';
import type { Ctx } from '../../core/access/context.ts';
import { audit } from '../../core/audit/audit.ts';
import { type DocFormat, type DocTable, type ReportDocument, documentFilename, renderDocument, sendDocument } from '../../core/documents/index.ts';
import { type ExportColumn, exportXlsx, shanghaiTime } from '../../core/excel.ts';
import type { AssessmentQuery, BulletinDto } from './bulletin.schemas.ts';
import { assessment, getBulletin } from './bulletin.service.ts';

type Bulletin = z.infer<typeof BulletinDto>;
const LIST_SIZE = 10;
const DUES_ZH: Record<string, string> = { clear: '月月清', cleared_late: '补清', pending: '收缴中', not_clear: '未清', no_bills: '—' };
const COLOR_ZH: Record<string, string> = { green: '绿', amber: '黄', red: '红' };
const score = (v: number | null) => (v === null ? '—' : v.toFixed(2));

/** The document of a 通报 (Chinese: it is an official document). */
export function bulletinDocument(b: Bulletin, watermark: string): ReportDocument {
  const month = periodLabelZh(b.month);
  const head = b.county ?? null;
  const summary: string[] = [];
  if (head) {
    summary.push(
      `${month}，全县纳入组织生活督查的基层党组织 ${head.orgs.total} 个，评定为绿色 ${head.orgs.green} 个、黄色 ${head.orgs.amber} 个、红色 ${head.orgs.red} 个。` +
        `“三会一课”完成率 ${pctText(head.threeMeetingsRate)}；主题党日应开展 ${head.themeDayRequired} 个、已开展 ${head.themeDayHeld} 个，到会率 ${pctText(head.themeDayAttendanceRate)}；` +
        `组织生活平均到会率 ${pctText(head.attendanceRate)}；党费收缴“月月清”党组织 ${head.duesClear} 个，占 ${pctText(head.duesClearRate)}。现将有关情况通报如下。`,
    );
  } else {
    summary.push(`${month}，本单位范围内党组织组织生活情况通报如下（摘自全县通报）。`);
  }
  const townships: DocTable = {
    columns: [
      { key: 'rank', header: '排名', width: 6, align: 'center' },
      { key: 'name', header: '乡镇（街道）/部门', width: 22 },
      { key: 'orgs', header: '评定组织数', width: 9, align: 'right' },
      { key: 'red', header: '红/黄/绿', width: 10, align: 'center' },
      { key: 'three', header: '三会一课完成率', width: 11, align: 'right' },
      { key: 'theme', header: '主题党日开展', width: 11, align: 'right' },
      { key: 'themeRate', header: '主题党日到会率', width: 11, align: 'right' },
      { key: 'att', header: '组织生活到会率', width: 11, align: 'right' },
      { key: 'dues', header: '党费月月清', width: 10, align: 'right' },
      { key: 'score', header: '综合得分', width: 9, align: 'right' },
    ],
    rows: [...b.townships]
      .sort((x, y) => (x.rank ?? 1e9) - (y.rank ?? 1e9))
      .map((t) => ({
        rank: t.rank ?? '—',
        name: t.name,
        orgs: t.orgs.total,
        red: `${t.orgs.red}/${t.orgs.amber}/${t.orgs.green}`,
        three: pctText(t.threeMeetingsRate),
        theme: `${t.themeDayHeld}/${t.themeDayRequired}`,
        themeRate: pctText(t.themeDayAttendanceRate),
        att: pctText(t.attendanceRate),
        dues: pctText(t.duesClearRate),
        score: score(t.score),
      })),
  };
  const ranked = b.branches.filter((x) => x.rank !== null).sort((x, y) => (x.rank as number) - (y.rank as number));
  const branchTable = (rows: typeof ranked, title: string): DocTable => ({
    title,
    columns: [
      { key: 'rank', header: '排名', width: 6, align: 'center' },
      { key: 'township', header: '所属乡镇', width: 16 },
      { key: 'name', header: '党组织', width: 26 },
      { key: 'color', header: '评定', width: 6, align: 'center' },
      { key: 'three', header: '三会一课', width: 9, align: 'right' },
      { key: 'theme', header: '主题党日', width: 9, align: 'right' },
      { key: 'att', header: '到会率', width: 9, align: 'right' },
      { key: 'dues', header: '党费', width: 8, align: 'center' },
      { key: 'score', header: '得分', width: 8, align: 'right' },
    ],
    rows: rows.map((x) => ({
      rank: x.rank,
      township: x.townshipName ?? '',
      name: x.name,
      color: x.color ? COLOR_ZH[x.color] : '',
      three: pctText(x.indicators.threeMeetings),
      theme: pctText(x.indicators.themeDay),
      att: pctText(x.indicators.attendance),
      dues: DUES_ZH[x.dues] ?? x.dues,
      score: score(x.score),
    })),
  });
  const unranked = b.branches.length - ranked.length;
  const sections: ReportDocument['sections'] = [
    { heading: '各乡镇（街道）、部门情况', tables: [townships] },
    {
      heading: '党组织综合排名',
      paragraphs: [
        `按“三会一课”完成率、主题党日开展、组织生活到会率、党费月月清加权计算综合得分。党员人数少于 ${b.minRankedMembers} 人的党组织（${unranked} 个）样本过小，不参加排名。`,
      ],
      tables: ranked.length > 2 * LIST_SIZE ? [branchTable(ranked.slice(0, LIST_SIZE), `前 ${LIST_SIZE} 名`), branchTable(ranked.slice(-LIST_SIZE), `后 ${LIST_SIZE} 名`)] : [branchTable(ranked, '排名')],
    },
    {
      heading: '存在问题的党组织（红色）',
      paragraphs: b.redList.length ? [`共 ${b.redList.length} 个党组织评定为红色，请所在乡镇（街道）党（工）委督促整改，并于下月通报前报送整改情况。`] : ['本月无评定为红色的党组织。'],
      tables: b.redList.length
        ? [
            {
              columns: [
                { key: 'township', header: '所属乡镇', width: 16 },
                { key: 'name', header: '党组织', width: 28 },
                { key: 'reasons', header: '问题', width: 50 },
              ],
              rows: b.redList.map((x) => ({ township: x.townshipName ?? '', name: x.name, reasons: x.reasons.join('；') })),
            },
          ]
        : [],
    },
  ];
  return {
    issuer: b.issuer,
    title: b.title,
    serial: b.serial,
    date: b.generatedAt.slice(0, 10),
    summary,
    sections,
    footer: '抄送：各乡镇（街道）党（工）委，县直各部门党组织',
    watermark,
    lang: 'zh-CN',
  };
}

export async function exportBulletin(ctx: Ctx, reply: FastifyReply, id: string, format: DocFormat) {
  const b = await getBulletin(ctx, id);
  const watermark = `${ctx.actor?.displayName ?? ''} ${shanghaiTime(new Date())} 导出`;
  const file = await renderDocument(bulletinDocument(b, watermark), format);
  await ctx.services.db.transaction((tx) => audit(ctx, tx, { action: 'export', result: 'success', objectType: 'supervision-bulletin', objectId: id, detail: { format, scope: b.scope, month: b.month } }));
  return sendDocument(reply, format, file, documentFilename(`${b.serial} ${b.title}`, format));
}

const A = {
  'zh-CN': { title: '综合考核', org: '党组织', members: '党员数', year: '年度得分', rank: '年度排名', month: (m: string) => `${Number(m.slice(5, 7))}月` },
  en: { title: 'Assessment', org: 'Organization', members: 'Members', year: 'Year score', rank: 'Year rank', month: (m: string) => m },
};

/** The 综合考核 table of a subtree and year as Excel: one row per organization, 12 monthly scores, the year's score and rank. */
export async function exportAssessment(ctx: Ctx, reply: FastifyReply, q: z.infer<typeof AssessmentQuery>) {
  const h = A[ctx.lang];
  const a = await assessment(ctx, q);
  type Row = (typeof a.rows)[number];
  const columns: ExportColumn<Row>[] = [
    { header: h.org, value: (r) => r.name, width: 32 },
    { header: h.members, value: (r) => r.members, width: 8 },
    ...a.months.map((m, i) => ({ header: h.month(m), value: (r: Row) => r.scores[i], width: 8 })),
    { header: h.year, value: (r) => r.yearScore, width: 10 },
    { header: h.rank, value: (r) => r.yearRank, width: 8 },
  ];
  return exportXlsx(ctx, reply, {
    name: 'supervision-assessment',
    title: `${h.title} ${a.org.name} ${a.year}`,
    filters: { orgId: a.org.id, year: a.year },
    count: async () => a.rows.length,
    rows: async () => [...a.rows].sort((x, y) => (x.yearRank ?? 1e9) - (y.yearRank ?? 1e9)),
    columns,
  });
}
