import { describe, expect, it } from 'vitest';
import { journey } from './server.ts';

// The browser journey of issue 5: the demo county has a year of dues; secretary.a's branch is waiting
// for this month's bank deductions (银费通). secretary.a imports the bank's result file — it has an
// amount that does not match, a line repeated, an unknown card and a malformed line — and reads the
// reconciliation report; the one bill the bank could not settle is paid in cash by the branch's
// treasurer; the county administrator's 党费监控 then shows the branch 月月清 for the month.
const j = journey();

type Bill = { id: string; memberId: string; memberName: string; month: string; amountFen: number; paidFen: number; state: string };

/** An API session of a demo account (cookie and CSRF token). */
async function apiAs(username: string) {
  const res = await fetch(`${j.server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'Hongyun@2026' }),
  });
  expect(res.status).toBe(200);
  const csrf = ((await res.json()) as { csrfToken: string }).csrfToken;
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  return async <T>(url: string): Promise<T> => {
    const r = await fetch(`${j.server.url}${url}`, { headers: { cookie, 'x-csrf-token': csrf } });
    expect(r.status, url).toBe(200);
    return (await r.json()) as T;
  };
}

const yuan = (fen: number) => (fen / 100).toFixed(2);
const thisMonth = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()).slice(0, 7);

describe('dues journey', () => {
  it('a bank file with problems imported, the rest paid in cash, the county sees the branch 月月清', async () => {
    const month = thisMonth();
    const sec = await apiAs('secretary.a');
    const me = await sec<{ grants: { orgId: string }[] }>('/api/auth/me');
    const branchId = me.grants[0].orgId;
    const branch = await sec<{ id: string; name: string; parentId: string }>(`/api/orgs/${branchId}`);
    // The month's open bills of the branch: its members who pay by bank deduction.
    const open = (await sec<{ items: Bill[] }>(`/api/dues/bills?month=${month}&orgId=${branchId}&includeSubtree=false&state=due&pageSize=100`)).items;
    expect(open.length).toBeGreaterThanOrEqual(3);
    const cards = new Map<string, string>();
    for (const b of open) cards.set(b.memberId, (await sec<{ cardNo: string }>(`/api/members/${b.memberId}`)).cardNo);

    const county = await apiAs('county.admin');
    type Child = { orgId: string; status: string; unpaid: number };
    const rowOf = async () => (await county<{ children: Child[] }>(`/api/dues/overview?month=${month}&orgId=${branch.parentId}`)).children.find((c) => c.orgId === branchId);
    expect(await rowOf()).toMatchObject({ status: 'pending', unpaid: open.length });

    // The bank's file: the first member's amount is off by 1 分, the second member's line comes twice,
    // a card nobody holds, a line whose amount is not a number.
    const [odd, twice] = open;
    const line = (b: Bill, txn: string, amount = yuan(b.amountFen)) => `${cards.get(b.memberId)},${b.memberName},${month},${amount},${txn},成功`;
    const csv = [
      '卡号,姓名,月份,金额(元),交易流水号,状态',
      ...open.map((b, i) => line(b, `YFT-E2E-${i}`, b === odd ? yuan(b.amountFen + 1) : undefined)),
      line(twice, 'YFT-E2E-AGAIN'),
      `6217999900001111,查无此人,${month},0.20,YFT-E2E-UNKNOWN,成功`,
      `${cards.get(twice.memberId)},${twice.memberName},${month},abc,YFT-E2E-BAD,成功`,
    ].join('\r\n');

    // 1. secretary.a imports it on 党费收缴 › 银行扣款对账 and reads the report.
    const page = await j.loginAs('secretary.a');
    await page.goto(`${j.server.url}/dues/bills`);
    await page.click('.ant-tabs-tab >> text=银行扣款对账');
    await page.setInputFiles('.ant-upload input[type=file]', { name: `银费通扣款结果_${month}.csv`, mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    const report = page.locator('[data-testid=dues-bank-report]');
    await report.waitFor();
    await expect.poll(() => report.textContent()).toContain(`入账 ${open.length - 1} 笔`);
    const tags = (await report.locator('.ant-tag').allTextContents()).map((s) => s.replace(/\s+/g, ' ').trim());
    expect(tags).toEqual(expect.arrayContaining([`已入账 ${open.length - 1}`, '金额不符 1', '文件内重复 1', '卡号未找到 1', '格式错误 1']));
    expect(await rowOf()).toMatchObject({ status: 'pending', unpaid: 1 });

    // 2. The treasurer pays the one bill left in cash (the amount is what is still due).
    const treasurer = await j.switchTo(page, 'treasurer.a');
    await treasurer.goto(`${j.server.url}/dues/bills`);
    const table = treasurer.locator('[data-testid=dues-bills-table]');
    const row = table.locator('tr', { hasText: odd.memberName });
    await row.locator('[data-testid=dues-pay]').click();
    await treasurer.locator('.ant-modal .ant-btn-primary').click();
    await treasurer.locator('.ant-message-notice', { hasText: '已登记，收据号' }).waitFor();

    // 3. The county administrator's 党费监控: the township's branches, this one 月月清.
    expect(await rowOf()).toMatchObject({ status: 'clear', unpaid: 0 });
    const admin = await j.switchTo(treasurer, 'county.admin');
    await admin.goto(`${j.server.url}/dues/monitor?orgId=${branch.parentId}`);
    const overview = admin.locator('[data-testid=dues-overview-table]');
    const branchRow = overview.locator('tr', { hasText: branch.name });
    await expect.poll(() => branchRow.locator('[data-testid=dues-clear-tag]').textContent(), { timeout: 15_000 }).toBe('月月清');
  });
});
