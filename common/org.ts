// Organization levels and categories (DOMAIN §1). Labels live in the locale files.

/** Levels from the top of a county down; `rank` orders them (a child ranks below its parent). */
export const ORG_LEVELS = {
  county_committee: 0,
  township_committee: 1,
  department_committee: 1,
  party_committee: 2,
  general_branch: 3,
  branch: 4,
  sub_branch: 5,
  party_group: 5,
  red_station: 5,
} as const;

/** An organization level. */
export type OrgLevel = keyof typeof ORG_LEVELS;
/** Level names as a tuple (for zod enums). */
export const ORG_LEVEL_NAMES = Object.keys(ORG_LEVELS) as [OrgLevel, ...OrgLevel[]];

/** Categories that drive which rules apply; the last two are the 两新组织. */
export const ORG_CATEGORIES = [
  'rural',
  'community',
  'government',
  'institution',
  'soe',
  'private_enterprise',
  'social_org',
] as const;
/** An organization category. */
export type OrgCategory = (typeof ORG_CATEGORIES)[number];

/** True when an organization of `child` level may sit under one of `parent` level. */
export const canNest = (parent: OrgLevel, child: OrgLevel) => ORG_LEVELS[child] > ORG_LEVELS[parent];
