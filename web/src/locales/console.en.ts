// English messages shared by the issue-3 pages: menu entries, common words, login demo list.
import type { consoleZhCN } from './console.zh-CN';

/** Menu, common words and the login page's demo accounts. */
export const consoleEn: Record<keyof typeof consoleZhCN, string> = {
  'menu.members': 'Members',
  'menu.my': 'My file',
  'menu.corrections': 'Corrections',
  'menu.orgWarnings': 'Org warnings',
  'menu.pipeline': 'Development',
  'menu.imports': 'Import',

  'common.details': 'Details',
  'common.close': 'Close',
  'common.all': 'All',
  'common.download': 'Download',

  'login.demoTitle': 'Demo accounts',
  'login.demoHint': 'Click an account to fill in the username; every password is {password}',
  'login.demoMember': 'Member · logs in with the ID number',
};
