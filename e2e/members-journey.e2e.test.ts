import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { MEMBER_HEADERS, makeIdNumber, xlsxOf } from '../server/modules/imports/test-workbook.ts';
import { journey } from './server.ts';

// The browser journey of issue 3: secretary.a imports a workbook with errors, downloads the error
// workbook, fixes it and imports it again; a member logs in with the ID number and requests a
// correction; secretary.a approves it (and looks at the member's phone with a reason); the member
// sees the change and who viewed the file, on a phone-sized screen.
const j = journey();

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const NEW_OCCUPATION = '乡村医生';
const UNMASK_REASON = '核对联系方式以便通知组织生活';

type DemoAccount = { username: string; kind: 'admin' | 'member'; displayName: string; orgName: string | null };

/** The demo accounts as the login page lists them. */
async function demoAccounts(): Promise<DemoAccount[]> {
  const r = await fetch(`${j.server.url}/api/demo/accounts`);
  expect(r.status).toBe(200);
  return ((await r.json()) as { accounts: DemoAccount[] }).accounts;
}

/** Signs out (the browser context holds one session) and logs in as another demo account. */
const switchTo = (page: Page, username: string) => j.switchTo(page, username);

/** Drops an .xlsx onto the upload area of /imports. */
async function upload(page: Page, name: string, buffer: Buffer) {
  await page.setInputFiles('.ant-upload input[type=file]', { name, mimeType: XLSX, buffer });
}

/** Three new members of the branch; the second has a wrong ID check character. */
async function workbookWithError(orgName: string) {
  const ids = [901, 903, 905].map((seq) => makeIdNumber('330102', '19850612', seq));
  const wrong = `${ids[1].slice(0, 17)}${ids[1][17] === '0' ? '1' : '0'}`;
  const row = (name: string, id: string) => [name, id, null, '汉族', null, '高中', '农民', '农民', '2015-07-01', '2016-07-01', '正式党员', orgName, null, '浙江省长兴县雉城街道'];
  const rows = [row('导入甲', ids[0]), row('导入乙', wrong), row('导入丙', ids[2])];
  return { ids, buffer: await xlsxOf(MEMBER_HEADERS, rows, { textColumns: [2] }) };
}

describe('members journey', () => {
  it('import with errors → error workbook → fixed import; correction requested, approved and seen by the member', async () => {
    const accounts = await demoAccounts();
    const secretary = accounts.find((a) => a.username === 'secretary.a');
    const member = accounts.find((a) => a.kind === 'member' && a.orgName === secretary?.orgName);
    expect(secretary?.orgName).toBeTruthy();
    expect(member?.username).toMatch(/^\d{17}[\dX]$/);
    const orgName = secretary!.orgName!;
    const memberId = member!.username;

    // 1. secretary.a: a workbook with one bad row is refused, row by row.
    let page = await j.loginAs('secretary.a');
    const menu = (await page.locator('[data-testid="main-menu"]').textContent()) ?? '';
    for (const entry of ['党员管理', '更正申请', '发展党员', '数据导入']) expect(menu).toContain(entry);
    await page.click('text=数据导入');
    await page.waitForSelector('[data-testid="imports-page"]');
    const template = await page.evaluate(async () => (await fetch('/api/imports/templates/members.xlsx')).status);
    expect(template).toBe(200);
    const { ids, buffer } = await workbookWithError(orgName);
    await upload(page, '党员导入.xlsx', buffer);
    await page.waitForSelector('[data-testid="import-failed"]', { timeout: 60_000 });
    const errors = await page.locator('[data-testid="import-errors"] .ant-table-row').allInnerTexts();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('3');
    expect(errors[0]).toContain('身份证号');
    expect(errors[0]).toContain('校验位');

    // 2. The error workbook: the rows as uploaded plus a 错误 column; fix the ID number in it.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="import-error-workbook"]')]);
    const { default: Excel } = await import('exceljs');
    const wb = new Excel.Workbook();
    await wb.xlsx.load(fs.readFileSync((await download.path())!) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const headers = (ws.getRow(1).values as unknown[]).slice(1).map(String);
    const errCol = headers.indexOf('错误') + 1;
    const idCol = headers.indexOf('身份证号') + 1;
    expect(errCol).toBeGreaterThan(0);
    expect(String(ws.getRow(3).getCell(errCol).value)).toContain('身份证号');
    ws.getRow(3).getCell(idCol).value = ids[1];
    const fixed = Buffer.from(await wb.xlsx.writeBuffer());

    // 3. Import again: every row is written.
    await page.click('[data-testid="import-again"]');
    await upload(page, '党员导入（已修正）.xlsx', fixed);
    await page.waitForSelector('[data-testid="import-ok"]', { timeout: 60_000 });
    expect(await page.locator('[data-testid="import-ok"]').textContent()).toContain('3');
    await page.click('text=党员管理');
    await page.fill('#memberSearch', ids[1]);
    await page.press('#memberSearch', 'Enter');
    await page.waitForSelector('[data-testid="members-table"] .ant-table-row >> text=导入乙');

    // 4. The member logs in with the ID number: only 我的档案, and asks to correct the occupation.
    page = await switchTo(page, memberId);
    await page.waitForSelector('[data-testid="my-page"]');
    expect((await page.locator('[data-testid="main-menu"]').textContent())?.trim()).toBe('我的档案');
    await page.setViewportSize({ width: 360, height: 780 });
    await page.click('.ant-tabs-tab >> text=信息更正');
    await page.click('#correctionField');
    await page.locator('.ant-select-item-option', { hasText: '职业' }).click();
    await page.fill('#correctionValue', NEW_OCCUPATION);
    await page.fill('#correctionReason', '已转为村卫生室工作，职业登记有误');
    await page.click('[data-testid="correction-submit"]');
    await page.waitForSelector(`[data-testid="my-correction"] >> text=待审核`);
    expect(await page.locator('[data-testid="my-correction"]').first().textContent()).toContain(NEW_OCCUPATION);

    // 5. secretary.a approves it, then shows the member's phone in full with a reason.
    page = await switchTo(page, 'secretary.a');
    await page.click('text=更正申请');
    const row = page.locator('[data-testid="corrections-table"] .ant-table-row', { hasText: NEW_OCCUPATION });
    await row.waitFor();
    await row.locator('[data-testid="correction-approve"]').click();
    await page.click('[data-testid="correction-decide-ok"]');
    await page.waitForSelector('text=已通过，党员信息已更新');
    await page.click('text=党员管理');
    await page.fill('#memberSearch', memberId);
    await page.press('#memberSearch', 'Enter');
    await page.click('[data-testid="members-table"] [data-testid="member-link"]');
    await page.waitForSelector('[data-testid="member-record"]');
    expect(await page.locator('[data-testid="member-record"]').textContent()).toContain(NEW_OCCUPATION);
    await page.click('[data-testid="unmask-phone"]');
    await page.fill('#unmaskReason', UNMASK_REASON);
    await page.click('.ant-modal-footer .ant-btn-primary');
    await expect.poll(() => page.locator('[data-testid="member-phone"]').textContent()).toMatch(/^1\d{10}$/);

    // 6. The member sees the new value, the approved request and who viewed the file, on a phone.
    page = await switchTo(page, memberId);
    await page.setViewportSize({ width: 360, height: 780 });
    await page.waitForSelector('[data-testid="member-record"]');
    expect(await page.locator('[data-testid="member-record"]').textContent()).toContain(NEW_OCCUPATION);
    await page.click('.ant-tabs-tab >> text=查阅记录');
    await page.waitForSelector(`[data-testid="member-views"] >> text=${UNMASK_REASON}`);
    const views = (await page.locator('[data-testid="member-views"]').textContent()) ?? '';
    expect(views).toContain('查看完整手机号');
    expect(views).toContain(secretary!.displayName.slice(0, 3));
    await page.click('.ant-tabs-tab >> text=信息更正');
    await page.waitForSelector(`[data-testid="my-correction"] >> text=已通过`);
    const box = await page.locator('[data-testid="my-page"]').boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(360);
    await page.close();
  });
});
