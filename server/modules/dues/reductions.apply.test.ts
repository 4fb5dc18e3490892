import { describe, expect, it } from 'vitest';
import { withReduction } from './reductions.apply.ts';

// The rule a decision applies to a new or still open bill (shared by approval and generateBills).
const R = '01890000-0000-7000-8000-000000000001';

describe('withReduction', () => {
  it('leaves a bill without a decision as quoted', () => {
    expect(withReduction({ amountFen: 3500, issue: null }, undefined)).toEqual({ amountFen: 3500, issue: null, state: 'due', reductionId: null, originalAmountFen: null });
  });

  it('waives a bill under an exemption, keeping its amount (or its issue) for the record', () => {
    const ex = { id: R, memberId: 'm', kind: 'exemption' as const, amountFen: null };
    expect(withReduction({ amountFen: 3500, issue: null }, ex)).toEqual({ amountFen: 3500, issue: null, state: 'waived', reductionId: R, originalAmountFen: null });
    expect(withReduction({ amountFen: null, issue: 'base_missing' }, ex)).toEqual({ amountFen: null, issue: 'base_missing', state: 'waived', reductionId: R, originalAmountFen: null });
  });

  it('charges the reduced amount, never more than the normal one, and keeps the normal amount', () => {
    const red = { id: R, memberId: 'm', kind: 'reduction' as const, amountFen: 1000 };
    expect(withReduction({ amountFen: 3500, issue: null }, red)).toEqual({ amountFen: 1000, issue: null, state: 'due', reductionId: R, originalAmountFen: 3500 });
    expect(withReduction({ amountFen: 800, issue: null }, red)).toMatchObject({ amountFen: 800, originalAmountFen: 800 });
    // A bill without an amount yet gets the decided amount (the decision fixes what is due).
    expect(withReduction({ amountFen: null, issue: 'category_missing' }, red)).toEqual({ amountFen: 1000, issue: null, state: 'due', reductionId: R, originalAmountFen: null });
  });
});
