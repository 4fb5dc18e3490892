import { describe, expect, it } from 'vitest';
import { type MemberCounts, type OrgWarningCode, orgWarnings } from '../../../common/org-rules.ts';
import { generateCounty } from './generate-units.ts';

// The demo county exists to show the size and term rules (DOMAIN §1) on real cases: run the rules
// of common/org-rules.ts over the generated county as the organization pages do.
const ROOT = { id: '01900000-0000-7000-8000-000000000000', path: '/01900000-0000-7000-8000-000000000000/', depth: 0 };
const TODAY = '2026-11-28';

describe('the demo county under the size and term rules', () => {
  it('shows each kind of warning on a realistic minority of organizations', () => {
    const c = generateCounty({ seed: 42, scale: 1, today: TODAY, countyCode: '330522', root: ROOT });
    const orgs = [...c.headers, ...c.units.flatMap((u) => u.orgs)];
    const direct = new Map<string, MemberCounts>();
    for (const m of c.units.flatMap((u) => u.members)) {
      const x = direct.get(m.orgId) ?? { full: 0, probationary: 0, total: 0 };
      x[m.status]++;
      x.total++;
      direct.set(m.orgId, x);
    }
    const subtree = new Map<string, number>();
    const byPath = [...orgs].sort((a, b) => b.depth - a.depth);
    for (const o of byPath) subtree.set(o.id, (subtree.get(o.id) ?? 0) + (direct.get(o.id)?.total ?? 0));
    for (const o of byPath) if (o.parentId !== ROOT.id) subtree.set(o.parentId, (subtree.get(o.parentId) ?? 0) + (subtree.get(o.id) ?? 0));
    const seats = new Map<string, string[]>();
    for (const s of c.units.flatMap((u) => u.committee)) seats.set(s.orgId, [...(seats.get(s.orgId) ?? []), s.position]);

    const found = new Map<OrgWarningCode, number>();
    for (const o of orgs) {
      const warnings = orgWarnings({
        level: o.level,
        category: o.category,
        counts: direct.get(o.id) ?? { full: 0, probationary: 0, total: 0 },
        subtreeTotal: subtree.get(o.id) ?? 0,
        committeeSize: seats.get(o.id)?.length ?? 0,
        hasSecretary: seats.get(o.id)?.includes('secretary') ?? false,
        termStart: o.termStart,
        today: TODAY,
      });
      for (const w of warnings) found.set(w.code, (found.get(w.code) ?? 0) + 1);
    }
    const branches = orgs.filter((o) => o.level === 'branch').length;
    for (const code of ['BRANCH_OVER_50', 'LESS_THAN_3_FULL', 'FULL_GE_7_NO_COMMITTEE', 'NO_SECRETARY', 'TERM_OVERDUE'] as const) {
      expect(found.get(code) ?? 0, code).toBeGreaterThan(5);
      expect(found.get(code) ?? 0, code).toBeLessThan(branches * 0.12);
    }
  });
});
