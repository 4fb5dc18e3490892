// Simplified Chinese messages shared by the issue-3 pages: menu entries, common words, login demo list.

/** Menu, common words and the login page's demo accounts. */
export const consoleZhCN = {
  'menu.members': '党员管理',
  'menu.my': '我的档案',
  'menu.corrections': '更正申请',
  'menu.orgWarnings': '组织预警',
  'menu.pipeline': '发展党员',
  'menu.imports': '数据导入',

  'common.details': '详情',
  'common.close': '关闭',
  'common.all': '全部',
  'common.download': '下载',

  'login.demoTitle': '演示账号',
  'login.demoHint': '点击账号填入用户名，密码均为 {password}',
  'login.demoMember': '党员 · 身份证号登录',
} as const;
