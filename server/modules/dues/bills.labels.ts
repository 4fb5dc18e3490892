import type { Lang } from '../../core/errors/messages.ts';

// Chinese and English words of the dues exports (the console has the same in web/src/locales/dues.*.ts).

const ZH = {
  billsTitle: '党费账单',
  reassessmentTitle: '党费基数待复核名单',
  month: '月份',
  org: '所在组织',
  name: '姓名',
  category: '党费类别',
  base: '计算基数（元）',
  rate: '比例',
  amount: '应交（元）',
  paid: '已交（元）',
  state: '状态',
  issue: '待处理',
  lastEffectiveMonth: '现基数生效月份',
  lastBase: '现基数（元）',
  monthsSince: '已满月数',
  none: '未设置',
  flat: '定额',
  totals: '合计',
} as const;

const EN: Record<keyof typeof ZH, string> = {
  billsTitle: 'Dues bills',
  reassessmentTitle: 'Dues bases due for reassessment',
  month: 'Month',
  org: 'Organization',
  name: 'Name',
  category: 'Dues category',
  base: 'Base (yuan)',
  rate: 'Rate',
  amount: 'Due (yuan)',
  paid: 'Paid (yuan)',
  state: 'State',
  issue: 'To fix',
  lastEffectiveMonth: 'Current base since',
  lastBase: 'Current base (yuan)',
  monthsSince: 'Months since',
  none: 'Not set',
  flat: 'Flat',
  totals: 'Totals',
};

/** Column headers and words of the dues exports, by language. */
export const DUES_TEXTS: Record<Lang, Record<keyof typeof ZH, string>> = { 'zh-CN': ZH, en: EN };

type Pair = readonly [string, string];
const STATE: Record<string, Pair> = { due: ['待缴', 'Due'], paid: ['已缴', 'Paid'], partially_paid: ['部分缴纳', 'Partly paid'], waived: ['已减免', 'Waived'] };
const ISSUE: Record<string, Pair> = { base_missing: ['缺少计算基数', 'Base missing'], category_missing: ['缺少党费类别', 'Category missing'] };

/** The label of a bill state or issue in a language (the code itself when unknown; '' for none). */
export function billLabel(kind: 'state' | 'issue', code: string | null | undefined, lang: Lang): string {
  if (!code) return '';
  const pair = (kind === 'state' ? STATE : ISSUE)[code];
  return pair ? pair[lang === 'en' ? 1 : 0] : code;
}
