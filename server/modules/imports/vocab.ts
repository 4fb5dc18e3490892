import { DUES_CATEGORIES, EDUCATIONS, GENDERS, MEMBER_STATUSES } from '../../../common/member.ts';
import { ORG_CATEGORIES, ORG_LEVEL_NAMES } from '../../../common/org.ts';
import { memberLabel } from '../members/member-labels.ts';
import { orgLabel } from '../orgs/org-labels.ts';

// The closed vocabularies of the import templates: codes (API and database) with the Chinese label
// the workbook shows, plus other spellings people type. Cells may carry a label, an alias or a code.

/** One vocabulary. */
export type Vocab = { title: string; entries: { code: string; label: string }[]; aliases: Record<string, string>; strict: boolean };

/** Trims, drops inner spaces and unifies full-width brackets and slashes, for comparing labels. */
export const squash = (s: string) =>
  s
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .toLowerCase();

/** The 56 ethnic groups (民族) in the national standard order (GB 3304). */
export const ETHNICITIES = [
  '汉族', '蒙古族', '回族', '藏族', '维吾尔族', '苗族', '彝族', '壮族', '布依族', '朝鲜族', '满族', '侗族', '瑶族', '白族', '土家族', '哈尼族',
  '哈萨克族', '傣族', '黎族', '傈僳族', '佤族', '畲族', '高山族', '拉祜族', '水族', '东乡族', '纳西族', '景颇族', '柯尔克孜族', '土族', '达斡尔族',
  '仫佬族', '羌族', '布朗族', '撒拉族', '毛南族', '仡佬族', '锡伯族', '阿昌族', '普米族', '塔吉克族', '怒族', '乌孜别克族', '俄罗斯族', '鄂温克族',
  '德昂族', '保安族', '裕固族', '京族', '塔塔尔族', '独龙族', '鄂伦春族', '赫哲族', '门巴族', '珞巴族', '基诺族',
] as const;

const make = (title: string, codes: readonly string[], label: (c: string) => string, aliases: Record<string, string> = {}, strict = true): Vocab => ({
  title,
  entries: codes.map((code) => ({ code, label: label(code) })),
  aliases,
  strict,
});

/** Every vocabulary of the templates, by name. */
export const VOCABS = {
  gender: make('性别', GENDERS, (c) => memberLabel('gender', c), { 男性: 'male', 女性: 'female' }),
  status: make('党员类别', MEMBER_STATUSES, (c) => memberLabel('status', c), { 预备: 'probationary', 正式: 'full' }),
  education: make('学历', EDUCATIONS, (c) => memberLabel('education', c), {
    中专: 'vocational', 中技: 'vocational', 职高: 'vocational', 中等专科: 'vocational', 专科: 'college', 大学专科: 'college',
    大学本科: 'bachelor', 大学: 'bachelor', 研究生: 'master', 硕士: 'master', 博士: 'doctorate',
  }),
  duesCategory: make('党费类别', DUES_CATEGORIES, (c) => memberLabel('dues', c), {
    个体: 'self_employed', 无固定收入: 'self_employed', 退休: 'retired', 离休: 'retired', 下岗: 'unemployed', 失业: 'unemployed',
    抚恤: 'relief', 救济: 'relief',
  }),
  // Not strict: the registry stores the text; known names are normalized (汉 → 汉族).
  ethnicity: make('民族', ETHNICITIES, (c) => c, Object.fromEntries(ETHNICITIES.map((e) => [e.replace(/族$/, ''), e])), false),
  level: make('层级', ORG_LEVEL_NAMES.filter((l) => l !== 'county_committee'), (c) => orgLabel('level', c), {
    乡镇党委: 'township_committee', 街道党工委: 'township_committee', 党工委: 'township_committee', 乡镇党委街道党工委: 'township_committee',
    总支: 'general_branch', 支部: 'branch', 党总支部: 'general_branch', 联合支部: 'branch', 联合党支部: 'branch', 下设党支部: 'sub_branch', 小组: 'party_group',
  }),
  category: make('类别', ORG_CATEGORIES, (c) => orgLabel('category', c), { 村: 'rural', 国企: 'soe', 非公: 'private_enterprise', 两新组织: 'private_enterprise' }),
} satisfies Record<string, Vocab>;

/** A vocabulary's name. */
export type VocabName = keyof typeof VOCABS;

const lookups = new Map<VocabName, Map<string, string>>();

/** The code a cell's text stands for (label, alias or the code itself), or null when unknown. */
export function codeOf(name: VocabName, raw: string): string | null {
  let map = lookups.get(name);
  if (!map) {
    const v: Vocab = VOCABS[name];
    map = new Map<string, string>();
    for (const e of v.entries) {
      map.set(squash(e.code), e.code);
      map.set(squash(e.label), e.code);
    }
    for (const [alias, code] of Object.entries(v.aliases)) map.set(squash(alias), code);
    lookups.set(name, map);
  }
  return map.get(squash(raw)) ?? null;
}

/** The labels of a vocabulary joined for a message (可选：…). */
export const allowedLabels = (name: VocabName) => VOCABS[name].entries.map((e) => e.label).join('、');

/** The Chinese label of an organization level (for messages). */
export const levelLabel = (code: string) => orgLabel('level', code);
