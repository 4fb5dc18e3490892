// Rules of activity records (DOMAIN §3): the 主题党日 checklist (5+X for 农村/社区, 4+X for the
// others) and the validity and outcome of decisions (重大事项决策) taken at a meeting.

/** The fixed items of the 主题党日 checklist shipped as defaults; 5+X uses all five, 4+X the first four. */
export const THEME_DAY_DEFAULT_ITEMS = ['重温入党誓词', '诵读党章', '交纳党费', '理论学习', '政治生日'] as const;

/** Organization categories whose 主题党日 is "5+X" (农村, 社区). */
export const FIVE_PLUS_X_CATEGORIES: readonly string[] = ['rural', 'community'];

/** "5+X" for 农村/社区 organizations, "4+X" for the others (两新, 国企, 机关, 事业单位, or no category). */
export function themeDayKind(category: string | null | undefined): '5+X' | '4+X' {
  return category && FIVE_PLUS_X_CATEGORIES.includes(category) ? '5+X' : '4+X';
}

/**
 * The fixed checklist items of an organization category: the county's configured list
 * (table theme_day_items) when it has one, otherwise the defaults of its kind.
 */
export function themeDayFixedItems(category: string | null | undefined, configured: readonly string[] = []): string[] {
  if (configured.length > 0) return [...configured];
  return THEME_DAY_DEFAULT_ITEMS.slice(0, themeDayKind(category) === '5+X' ? 5 : 4);
}

/** Vote counts of one decision. */
export type Votes = { votesFor: number; votesAgainst: number; votesAbstain: number };

/**
 * The quorum of a 支部党员大会 (支部工作条例): the meeting decides validly only when more than half of
 * the voting members are present. `present` is the activity's 实到 count (members of the
 * organization who checked in) and `votingMembers` the organization's 正式党员 in good standing.
 */
export type Quorum = { present: number; votingMembers: number; required: number; met: boolean };

/** The quorum of a meeting with `present` people of `votingMembers` voting members. */
export function assemblyQuorum(present: number, votingMembers: number): Quorum {
  const required = Math.floor(votingMembers / 2) + 1;
  return { present, votingMembers, required, met: votingMembers > 0 && present >= required };
}

/**
 * Whether a decision passed. At a 支部党员大会 a decision needs the assent of more than half of the
 * voting members (应到会有表决权的党员), not only of those present; elsewhere a simple majority of
 * the votes cast (abstentions count as cast).
 */
export function decisionPassed(v: Votes, assembly: { votingMembers: number } | null): boolean {
  if (assembly) return v.votesFor > assembly.votingMembers / 2;
  const cast = v.votesFor + v.votesAgainst + v.votesAbstain;
  return cast > 0 && v.votesFor > cast / 2;
}

/**
 * The outcome of a decision: passed, and valid (a 支部党员大会 without its quorum decides nothing,
 * whatever the votes; other meetings have no quorum rule here, so `quorum` is null).
 */
export function decisionOutcome(v: Votes, quorum: Quorum | null): { passed: boolean; valid: boolean } {
  const passed = decisionPassed(v, quorum ? { votingMembers: quorum.votingMembers } : null);
  const valid = quorum ? quorum.met : true;
  return { passed: valid && passed, valid };
}
