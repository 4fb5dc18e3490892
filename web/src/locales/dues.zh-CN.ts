// Simplified Chinese messages of 党费: the 党费测算 calculator, the rules it applies and the county's
// 农民 amount (merged into zh-CN.ts). Category names are `dues.<code>` in members.zh-CN.ts.

/** Dues. */
export const duesZhCN = {
  'menu.dues': '党费管理',
  'menu.duesQuote': '党费测算',

  'dues.quote.title': '党费测算',
  'dues.quote.intro': '按《关于中国共产党党费收缴、使用和管理的规定》（中组部，2008 年）测算每月应交纳的党费。测算不保存任何数据。',
  'dues.quote.category': '党费类别',
  'dues.quote.base': '计算基数（元/月）',
  'dues.quote.basePlaceholder': '例如 4500.00',
  'dues.quote.baseSuffix': '元',
  'dues.quote.baseHint.employed': '每月工资收入，扣除个人所得税、社会保险和住房公积金后的固定部分',
  'dues.quote.baseHint.annual_salary': '当月实际领取的薪酬',
  'dues.quote.baseHint.self_employed': '上一季度的月平均纯收入',
  'dues.quote.baseHint.retired': '每月离退休费',
  'dues.quote.flatHint': '该类别按定额交纳，与收入无关，无需填写基数',
  'dues.quote.baseInvalid': '请输入不小于 0 的金额，最多两位小数',
  'dues.quote.submit': '测算',
  'dues.quote.result': '测算结果',
  'dues.quote.amount': '每月应交',
  'dues.quote.amountValue': '{amount} 元',
  'dues.quote.rate': '交纳比例',
  'dues.quote.flat': '定额',
  'dues.quote.rule': '适用标准',
  'dues.quote.rounding': '比例适用于全部基数（不分段累进），金额四舍五入到分。',
  'dues.quote.rulesTitle': '交纳标准',
  'dues.quote.rules.income': '在职、年薪制、个体/无固定收入',
  'dues.quote.rules.pension': '离退休',
  'dues.quote.rules.flat': '定额',
  'dues.quote.farmerAmount': '本县农民党员每月交纳 {amount} 元',

  'dues.settings.button': '农民党费标准',
  'dues.settings.title': '农民党员每月党费（全县）',
  'dues.settings.farmer': '每月金额（元）',
  'dues.settings.farmerHint': '0.2 元至 1 元，默认 0.2 元',
  'dues.settings.saved': '已保存，测算和今后的账单按新标准计算',

  'duesRule.income_le_3000': '月收入 3000 元及以下，按 0.5%',
  'duesRule.income_le_5000': '月收入 3000 元以上至 5000 元，按 1%',
  'duesRule.income_le_10000': '月收入 5000 元以上至 10000 元，按 1.5%',
  'duesRule.income_gt_10000': '月收入 10000 元以上，按 2%',
  'duesRule.pension_le_5000': '离退休费 5000 元及以下，按 0.5%',
  'duesRule.pension_gt_5000': '离退休费 5000 元以上，按 1%',
  'duesRule.farmer_flat': '农民，按本县定额（每月 0.2–1 元）',
  'duesRule.flat_minimum': '学生、下岗/失业、依靠抚恤/救济、低保，每月 0.2 元',
} as const;
