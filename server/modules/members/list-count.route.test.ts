import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, type TestApp, login } from '../../test/app.ts';
import { FIXTURE_PASSWORD, type Fixture, fixtureApp } from '../../test/fixture.ts';
import { seedMember, testIdNumber } from './members.fixture.ts';
import { call } from './test-kit.ts';

// Lists count exactly only up to LIST_COUNT_CAP (here 3), then say "more than 3"; paging still works.
let t: TestApp;
let f: Fixture;
let sec: Session;
beforeAll(async () => {
  ({ t, f } = await fixtureApp({ LIST_COUNT_CAP: '3' }));
  sec = await login(t, 'branch_secretary', FIXTURE_PASSWORD);
  for (const [i, name] of ['甲一', '甲二', '甲三', '丁四', '戊五'].entries()) await seedMember(t.services, f.b1, { name, idNumber: testIdNumber(40 + i, '19800101') });
  await seedMember(t.services, f.b1, { name: '钱字母', idNumber: testIdNumber(46, '19750101'), cardNo: 'QZMCARD' });
});
afterAll(() => t.close());

const page = async (qs: string) => {
  const res = await call(t, sec, 'GET', `/api/members?${qs}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: { name: string }[]; total: number; totalCapped?: boolean };
};

describe('member list count cap', () => {
  it('says "more than the cap" instead of counting every match, and still pages past it', async () => {
    const first = await page('pageSize=2');
    expect(first).toMatchObject({ total: 3, totalCapped: true });
    expect(first.items).toHaveLength(2);
    const third = await page('pageSize=2&page=3');
    expect(third.items.map((m) => m.name)).toHaveLength(2);
  });

  it('counts exactly when the matches are within the cap', async () => {
    const few = await page(`q=${encodeURIComponent('二')}`);
    expect(few.total).toBe(1);
    expect(few.totalCapped).toBeUndefined();
    const exactlyCap = await page(`q=${encodeURIComponent('甲')}`);
    expect(exactlyCap.total).toBe(3);
    expect(exactlyCap.totalCapped).toBeUndefined();
  });

  it('letters are pinyin initials unless a card number is exactly those letters', async () => {
    const names = async (q: string) => (await page(`q=${q}`)).items.map((m) => m.name);
    expect(await names('QZMCARD')).toEqual(['钱字母']);
    expect(await names('qzm')).toEqual(['钱字母']);
    expect(await names('qzmc')).toEqual([]);
  });
});
