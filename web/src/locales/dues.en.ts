// English messages of dues (merged into en.ts).
import type { duesZhCN } from './dues.zh-CN';

/** Dues. */
export const duesEn: Record<keyof typeof duesZhCN, string> = {
  'menu.dues': 'Dues',
  'menu.duesQuote': 'Dues calculator',

  'dues.quote.title': 'Dues calculator',
  'dues.quote.intro': 'Works out the monthly Party dues under the 2008 rules of the Organization Department (《关于中国共产党党费收缴、使用和管理的规定》). Nothing is saved.',
  'dues.quote.category': 'Dues category',
  'dues.quote.base': 'Base (yuan per month)',
  'dues.quote.basePlaceholder': 'e.g. 4500.00',
  'dues.quote.baseSuffix': 'yuan',
  'dues.quote.baseHint.employed': 'The fixed monthly wage after income tax, social insurance and housing fund',
  'dues.quote.baseHint.annual_salary': 'The pay actually received this month',
  'dues.quote.baseHint.self_employed': 'The average monthly net income of last quarter',
  'dues.quote.baseHint.retired': 'The monthly pension',
  'dues.quote.flatHint': 'This category pays a flat amount whatever the income; no base is needed',
  'dues.quote.baseInvalid': 'Enter an amount of 0 or more with at most two decimals',
  'dues.quote.submit': 'Calculate',
  'dues.quote.result': 'Result',
  'dues.quote.amount': 'Monthly dues',
  'dues.quote.amountValue': '¥{amount}',
  'dues.quote.rate': 'Rate',
  'dues.quote.flat': 'Flat amount',
  'dues.quote.rule': 'Rule applied',
  'dues.quote.rounding': 'The rate applies to the whole base (not in steps); amounts are rounded half up to the fen.',
  'dues.quote.rulesTitle': 'The rates',
  'dues.quote.rules.income': 'Employed, annual salary, self-employed',
  'dues.quote.rules.pension': 'Retired',
  'dues.quote.rules.flat': 'Flat amounts',
  'dues.quote.farmerAmount': 'Farmers in this county pay ¥{amount} a month',

  'dues.settings.button': 'Farmers’ dues',
  'dues.settings.title': 'Farmers’ monthly dues (whole county)',
  'dues.settings.farmer': 'Monthly amount (yuan)',
  'dues.settings.farmerHint': '¥0.20 to ¥1.00; ¥0.20 by default',
  'dues.settings.saved': 'Saved: quotes and future bills use the new amount',

  'duesRule.income_le_3000': 'Monthly income up to ¥3,000: 0.5 %',
  'duesRule.income_le_5000': 'Monthly income over ¥3,000 up to ¥5,000: 1 %',
  'duesRule.income_le_10000': 'Monthly income over ¥5,000 up to ¥10,000: 1.5 %',
  'duesRule.income_gt_10000': 'Monthly income over ¥10,000: 2 %',
  'duesRule.pension_le_5000': 'Pension up to ¥5,000: 0.5 %',
  'duesRule.pension_gt_5000': 'Pension over ¥5,000: 1 %',
  'duesRule.farmer_flat': 'Farmers: the county’s flat amount (¥0.20–¥1.00 a month)',
  'duesRule.flat_minimum': 'Students, unemployed, on relief or subsistence allowance: ¥0.20 a month',
};
