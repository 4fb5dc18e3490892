import type { Lang } from '../../core/errors/messages.ts';

// Words of activity exports (the console has the same in web/src/locales/activities.*).
const L = {
  'zh-CN': {
    title: '组织生活活动',
    attendanceTitle: '活动出勤',
    org: '组织',
    type: '类型',
    name: '活动名称',
    startsAt: '开始时间',
    endsAt: '结束时间',
    place: '地点',
    state: '状态',
    present: '本组织签到',
    guests: '非隶属签到',
    remote: '线上签到',
    manual: '补签',
    member: '党员',
    status: '出勤',
    channel: '签到方式',
    at: '签到时间',
    planned: '正常',
    cancelled: '已取消',
  },
  en: {
    title: 'Activities',
    attendanceTitle: 'Attendance',
    org: 'Organization',
    type: 'Type',
    name: 'Title',
    startsAt: 'Starts',
    endsAt: 'Ends',
    place: 'Place',
    state: 'State',
    present: 'Members checked in',
    guests: 'Guests',
    remote: 'Remote',
    manual: 'Recorded later',
    member: 'Member',
    status: 'Attendance',
    channel: 'Channel',
    at: 'Checked in at',
    planned: 'Planned',
    cancelled: 'Cancelled',
  },
} as const;

const STATUS = {
  present: ['出席', 'Present'],
  elsewhere: ['异地参加', 'Attended elsewhere'],
  leave: ['请假', 'On leave'],
  excluded: ['不计到会率', 'Not counted'],
  absent: ['缺席', 'Absent'],
  guest: ['非隶属', 'Guest'],
} as const;

const CHANNEL = {
  card: ['刷卡', 'Card'],
  chip: ['芯片', 'Chip'],
  member_qr: ['党员码', 'Member QR'],
  activity_qr: ['扫活动码', 'Activity QR'],
  remote: ['线上', 'Remote'],
  manual: ['补签', 'Recorded later'],
} as const;

export const activityWords = (lang: Lang) => L[lang];
export const statusLabel = (lang: Lang, s: keyof typeof STATUS) => STATUS[s][lang === 'en' ? 1 : 0];
export const channelLabel = (lang: Lang, c: string | null) => (c && c in CHANNEL ? CHANNEL[c as keyof typeof CHANNEL][lang === 'en' ? 1 : 0] : '');
