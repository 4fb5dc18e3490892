import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, type TestApp, login } from '../../test/app.ts';
import { FIXTURE_PASSWORD, type Fixture, fixtureApp } from '../../test/fixture.ts';
import { seedMember, testIdNumber } from './members.fixture.ts';
import { call } from './test-kit.ts';

let t: TestApp;
let f: Fixture;
let sec: Session;
// A valid number whose check character is X, to exercise a lower-case x in searches.
const X_ID = (() => {
  for (let n = 0; ; n++) {
    const id = testIdNumber(n, '19850315');
    if (id.endsWith('X')) return id;
  }
})();
const ZHANG = testIdNumber(21, '19700101');

beforeAll(async () => {
  ({ t, f } = await fixtureApp());
  sec = await login(t, 'branch_secretary', FIXTURE_PASSWORD);
  const b1 = f.b1;
  await seedMember(t.services, b1, { name: '张三', idNumber: ZHANG, joinedOn: '1995-07-01', phone: '13600001111' });
  await seedMember(t.services, b1, { name: '张三丰', idNumber: X_ID, joinedOn: '2010-07-01' });
  await seedMember(t.services, b1, { name: '李四', idNumber: testIdNumber(22, '19900101'), cardNo: 'CARD-777', status: 'probationary', joinedOn: '2025-09-01' });
  await seedMember(t.services, b1, { name: '王小明', idNumber: testIdNumber(23, '19600101'), standing: 'suspended' });
  await seedMember(t.services, f.t1, { name: '张伟', idNumber: testIdNumber(24, '19800101'), joinedOn: '2003-07-01' });
  await seedMember(t.services, f.b2, { name: '张敏', idNumber: testIdNumber(25, '19800101'), cardNo: 'CARD-888' });
});
afterAll(() => t.close());

const names = async (qs: string, s = sec) => {
  const res = await call(t, s, 'GET', `/api/members?${qs}`);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().items as { name: string }[]).map((m) => m.name);
};
const q = (text: string) => names(`q=${encodeURIComponent(text)}`);

describe('member search', () => {
  it('finds by name (contains), pinyin initials (prefix) and card number (exact)', async () => {
    expect(await q('张三')).toEqual(['张三', '张三丰']);
    expect(await q('三')).toEqual(['张三', '张三丰']);
    expect(await q('zs')).toEqual(['张三', '张三丰']);
    expect(await q('ZSF')).toEqual(['张三丰']);
    expect(await q('wxm')).toEqual(['王小明']);
    expect(await q('CARD-777')).toEqual(['李四']);
    expect(await q('CARD-7')).toEqual([]);
  });

  it('matches characters in order through the character-pair index (3 characters, the middle, no false pairs)', async () => {
    expect(await q('张三丰')).toEqual(['张三丰']);
    expect(await q('三丰')).toEqual(['张三丰']);
    expect(await q('小明')).toEqual(['王小明']);
    expect(await q('丰')).toEqual(['张三丰']);
    // Every character is present but not as one run: no match.
    expect(await q('王明')).toEqual([]);
    expect(await q('三张')).toEqual([]);
    // LIKE wildcards in the text are literal.
    expect(await q('张%')).toEqual([]);
  });

  it('finds an exact ID number through the blind index (18 digits, 15-digit legacy form, lower-case x)', async () => {
    expect(await q(ZHANG)).toEqual(['张三']);
    expect(await q(ZHANG.slice(0, 6) + ZHANG.slice(8, 17))).toEqual(['张三']);
    expect(await q(X_ID.toLowerCase())).toEqual(['张三丰']);
    expect(await q('13600001111')).toEqual(['张三']);
  });

  it('a partial or wrong ID number finds nothing (never a LIKE on ID numbers)', async () => {
    for (const partial of [ZHANG.slice(0, 10), ZHANG.slice(0, 17), ZHANG.slice(-6), ZHANG.slice(6, 14), `${ZHANG.slice(0, 17)}${ZHANG[17] === '0' ? '1' : '0'}`])
      expect(await q(partial), partial).toEqual([]);
  });

  it('never finds members outside scope, even by their exact card number', async () => {
    expect(await q('张敏')).toEqual([]);
    expect(await q('CARD-888')).toEqual([]);
    expect(await q('张')).toEqual(['张三', '张三丰', '张伟']);
  });
});

describe('member list', () => {
  it('filters by organization subtree, direct members, status and standing', async () => {
    expect(await names(`orgId=${f.b1.id}`)).toEqual(['李四', '王小明', '张三', '张三丰']);
    expect(await names(`orgId=${f.t1.id}&includeSubtree=false`)).toEqual(['张伟']);
    expect(await names('status=probationary')).toEqual(['李四']);
    expect(await names('standing=suspended')).toEqual(['王小明']);
    const out = await call(t, sec, 'GET', `/api/members?orgId=${f.b2.id}`);
    expect(out.statusCode).toBe(404);
  });

  it('sorts on the server by pinyin name, join date (blanks last), birth date and organization', async () => {
    expect(await names('')).toEqual(['李四', '王小明', '张三', '张三丰', '张伟']);
    expect(await names('order=desc')).toEqual(['张伟', '张三丰', '张三', '王小明', '李四']);
    expect(await names('sort=joinedOn')).toEqual(['张三', '张伟', '张三丰', '李四', '王小明']);
    expect(await names('sort=joinedOn&order=desc')).toEqual(['李四', '张三丰', '张伟', '张三', '王小明']);
    expect(await names('sort=birthDate')).toEqual(['王小明', '张三', '张伟', '张三丰', '李四']);
    // Grouped by organization name (the order of Chinese names depends on the database collation).
    const byOrg = (await call(t, sec, 'GET', '/api/members?sort=org')).json().items.map((m: { orgName: string }) => m.orgName);
    expect(byOrg.filter((o: string, i: number) => o !== byOrg[i - 1])).toHaveLength(2);
  });

  it('pages on the server with the total', async () => {
    const res = await call(t, sec, 'GET', '/api/members?pageSize=2&page=2');
    expect(res.json().total).toBe(5);
    expect(res.json().items.map((m: { name: string }) => m.name)).toEqual(['张三', '张三丰']);
    expect((await call(t, sec, 'GET', '/api/members?pageSize=101')).statusCode).toBe(400);
  });

  it('shows list rows masked, with age and flags', async () => {
    const res = await call(t, sec, 'GET', `/api/members?q=${ZHANG}`);
    const [m] = res.json().items;
    expect(m.idNumber).toBe(`3305**********${ZHANG.slice(-4)}`);
    expect(m.phone).toBe('136****1111');
    expect(m.flags).toEqual({ excludeAttendance: false, excludeReason: null, excludeApprover: null, lostContactSince: null });
    expect(res.body).not.toContain(ZHANG);
    expect(res.body).not.toContain(ZHANG.slice(6, 14));
  });
});
