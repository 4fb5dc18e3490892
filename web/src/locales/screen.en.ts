// The big screen (web/src/pages/screen, server/modules/screen); merged into en.ts.
import type { screenZhCN } from './screen.zh-CN';

export const screenEn: Record<keyof typeof screenZhCN, string> = {
  'menu.screen': 'Big screen',
  'screen.title': 'Party-building dashboard',
  'screen.platform': 'Hongyun · Smart Party-building Cloud',
  'screen.exit': 'Back to the console',
  'screen.updated': 'Updated {time}',
  'screen.loadFailed': 'Loading failed; retrying automatically',
  'screen.loading': 'Loading…',
  'screen.noData': 'No data',
  'screen.forbidden': 'This account may not see the big screen.',

  'screen.kpi.organizations': 'Organizations',
  'screen.kpi.branches': 'Branches',
  'screen.kpi.members': 'Members',
  'screen.kpi.todayActivities': 'Activities today',
  'screen.kpi.underWay': 'Under way',
  'screen.unit.checkins': 'check-ins',
  'screen.membersNote': 'Members: this month’s dues roll (full and probationary members)',

  'screen.blocks': 'Townships and departments',
  'screen.blocksLegendCompliance': 'Coloured by this month’s 三会一课 compliance',
  'screen.blocksLegendRate': 'Coloured by this month’s attendance rate: ≥90% / 75%–90% / <75%',
  'screen.block.members': 'Members',
  'screen.block.orgs': 'Orgs',
  'screen.block.today': 'Today',
  'screen.block.rate': 'Attendance',
  'screen.block.dues': 'Dues clear',

  'screen.live': 'Check-ins today (live)',
  'screen.liveTotal': 'Check-ins today',
  'screen.liveActivities': '{n} activities today, {started} started, {underWay} under way',
  'screen.hour': '{h}:00',

  'screen.trend': 'Organizational life, last 12 months',
  'screen.trend.held': 'Held',
  'screen.trend.rate': 'Attendance rate',

  'screen.threeMeetings': '三会一课 this month',
  'screen.threeMeetings.held': 'Held',
  'screen.threeMeetings.rate': 'Attendance rate',
  'screen.threeMeetings.summary': '三会一课 this month: {held} held, attendance {rate}',
  'screen.compliance': '三会一课 compliance ({month})',
  'screen.compliance.green': 'Met',
  'screen.compliance.amber': 'At risk',
  'screen.compliance.red': 'Not met',

  'screen.dues': 'Dues “cleared every month” (月月清)',
  'screen.dues.clearShare': 'Organizations cleared',
  'screen.dues.detail': '{clear} / {orgs} organizations cleared, {paid} paid',
  'screen.dues.trend': 'Share cleared',

  'screen.volunteer': 'Volunteer service',
  'screen.volunteer.held': 'Activities this month',
  'screen.volunteer.people': 'Participants this month',
  'screen.volunteer.trendHeld': 'Activities',
  'screen.volunteer.trendPeople': 'Participants',

  'screen.grid': 'Grid events',
  'screen.grid.notConnected': 'Not connected yet',
  'screen.grid.hint': 'Grid events and the closure rate show here once the grid module is live.',

  'screen.type.branch_assembly': 'General meeting',
  'screen.type.committee': 'Committee',
  'screen.type.group_meeting': 'Group meeting',
  'screen.type.party_lecture': 'Lecture',
  'screen.type.theme_day': 'Theme day',
};
