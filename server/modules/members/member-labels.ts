import type { Lang } from '../../core/errors/messages.ts';

// Chinese and English labels of the member vocabulary for server-made text: timeline titles (stored
// in Chinese) and Excel exports. The console has the same words in web/src/locales.

type Pair = readonly [string, string];

const STATUS: Record<string, Pair> = { probationary: ['预备党员', 'Probationary'], full: ['正式党员', 'Full member'] };
const STANDING: Record<string, Pair> = {
  normal: ['正常', 'Normal'],
  suspended: ['停止党籍', 'Suspended'],
  retained: ['保留党籍', 'Retained'],
  restored: ['恢复党籍', 'Restored'],
  removed: ['除名', 'Removed'],
  expelled: ['开除党籍', 'Expelled'],
  lapsed: ['自行脱党', 'Lapsed'],
  deceased: ['死亡', 'Deceased'],
};
const GENDER: Record<string, Pair> = { male: ['男', 'Male'], female: ['女', 'Female'] };
const EDUCATION: Record<string, Pair> = {
  primary: ['小学', 'Primary school'],
  junior_high: ['初中', 'Junior high school'],
  senior_high: ['高中', 'Senior high school'],
  vocational: ['中专/中技', 'Vocational school'],
  college: ['大专', 'College'],
  bachelor: ['本科', "Bachelor's"],
  master: ['硕士研究生', "Master's"],
  doctorate: ['博士研究生', 'Doctorate'],
};
const DUES: Record<string, Pair> = {
  employed: ['在职', 'Employed'],
  annual_salary: ['年薪制', 'Annual salary'],
  self_employed: ['个体/无固定收入', 'Self-employed'],
  retired: ['离退休', 'Retired'],
  farmer: ['农民', 'Farmer'],
  student: ['学生', 'Student'],
  unemployed: ['下岗/失业', 'Unemployed'],
  relief: ['依靠抚恤/救济', 'On relief'],
  subsistence: ['低保', 'Subsistence allowance'],
};
/** Registry fields by their API name. */
const FIELD: Record<string, Pair> = {
  name: ['姓名', 'Name'],
  gender: ['性别', 'Gender'],
  age: ['年龄', 'Age'],
  idNumber: ['身份证号', 'ID number'],
  phone: ['手机号', 'Phone'],
  ethnicity: ['民族', 'Ethnicity'],
  education: ['学历', 'Education'],
  occupation: ['职业', 'Occupation'],
  duesCategory: ['党费类别', 'Dues category'],
  joinedOn: ['入党日期', 'Joined on'],
  confirmedOn: ['转正日期', 'Confirmed on'],
  status: ['党员类型', 'Status'],
  standing: ['党籍状态', 'Standing'],
  cardNo: ['党员证号', 'Card number'],
  chipUid: ['芯片号', 'Chip UID'],
  address: ['住址', 'Address'],
  household: ['户籍/联系户', 'Household'],
  orgId: ['所属组织', 'Organization'],
  excludeAttendance: ['不计到会率', 'Excluded from attendance'],
  lostContactSince: ['失联日期', 'Lost contact since'],
  other: ['其他', 'Other'],
};

const TABLES = { status: STATUS, standing: STANDING, gender: GENDER, education: EDUCATION, dues: DUES, field: FIELD } as const;

/** The label of a code in a language (Chinese by default); the code itself when unknown, '' for null. */
export function memberLabel(kind: keyof typeof TABLES, code: string | null | undefined, lang: Lang = 'zh-CN'): string {
  if (!code) return '';
  const pair = TABLES[kind][code];
  return pair ? pair[lang === 'en' ? 1 : 0] : code;
}

/** Title of the member export sheet. */
export const exportTitle = (lang: Lang) => (lang === 'en' ? 'Party members' : '党员名册');
