import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { docxText, pdfText } from '../server/core/documents/read-back.ts';
import { journey, watchConsole } from './server.ts';

// The browser journey of issue 6: the demo county has published the 通报 of the months its history
// covers. The county administrator opens the newest 通报, exports it as PDF and Word (the files' text is
// read back), follows its red list to a red branch and the reason naming the missing meeting, goes up to
// the township and down again through its 问题清单, then opens the big screen — with no console errors.
const j = journey();

/** The trimmed text of the element named by a test id. */
const textOf = async (page: Page, testId: string) => ((await page.locator(`[data-testid=${testId}]`).textContent()) ?? '').trim();

/** Clicks a download button and returns the file's bytes. */
async function downloaded(page: Page, name: string) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name, exact: true }).click()]);
  const p = await file.path();
  return { name: file.suggestedFilename(), bytes: new Uint8Array(fs.readFileSync(p)) };
}

const flat = (s: string) => s.replace(/\s+/g, '');

describe('supervision journey', () => {
  it('the 通报: exports, a red branch and its missing meeting, the township, the big screen', async () => {
    const page = await j.loginAs('county.admin');
    const problems = watchConsole(page);

    // 1. 月度通报 from the menu; the newest is first.
    const menu = page.locator('[data-testid="main-menu"]');
    await menu.getByText('组织生活', { exact: true }).click();
    await menu.getByText('月度通报').click();
    await page.waitForURL(/\/supervision\/bulletins$/);
    await page.locator('[data-testid=bulletin-link]').first().click();
    await page.locator('[data-testid=bulletin-title]').waitFor();
    const title = await textOf(page, 'bulletin-title');
    expect(title).toMatch(/^关于\d{4}年\d{1,2}月长兴县基层党组织组织生活情况的通报$/);
    expect(await textOf(page, 'bulletin-issuer')).toContain('长兴县委组织部');
    const redName = ((await page.locator('[data-testid=bulletin-red-link]').first().textContent()) ?? '').trim();
    expect(redName.length).toBeGreaterThan(2);

    // 2. The documents: PDF and Word carry the header, the title and the red branch.
    const pdf = await downloaded(page, '导出 PDF');
    expect(pdf.name).toMatch(/\.pdf$/);
    const pdfWords = flat(await pdfText(pdf.bytes));
    for (const s of ['中共长兴县委组织部', flat(title), redName, '存在问题的党组织']) expect(pdfWords).toContain(s);
    const docx = await downloaded(page, '导出 Word');
    expect(docx.name).toMatch(/\.docx$/);
    const docxWords = flat(await docxText(docx.bytes));
    for (const s of ['中共长兴县委组织部', flat(title), redName, '党组织综合排名']) expect(docxWords).toContain(s);

    // 3. The red branch: its requirements, worst first, name the missing meeting.
    await page.locator('[data-testid=bulletin-red-link]').first().click();
    await page.waitForURL(/\/supervision\?orgId=/);
    const content = page.locator('[data-testid="supervision-content"][aria-busy="false"]');
    await content.waitFor();
    await expect.poll(() => textOf(page, 'supervision-current')).toBe(redName);
    const reasons = page.locator('[data-testid=supervision-own-checks] [data-testid=supervision-reason]');
    await expect.poll(() => reasons.count()).toBeGreaterThan(0);
    const firstReason = ((await reasons.first().textContent()) ?? '').trim();
    expect(firstReason).toMatch(/无(支部党员大会|支委会|党小组会|党课|主题党日|组织生活会|民主评议党员)|到会率均未超过|仅\d+次/);

    // 4. Up to the township (the breadcrumb), down again through its 问题清单.
    const crumbs = page.locator('[data-testid=supervision-breadcrumb] a');
    expect(await crumbs.count()).toBeGreaterThanOrEqual(2);
    const township = ((await crumbs.nth(1).textContent()) ?? '').trim();
    await crumbs.nth(1).click();
    await expect.poll(() => textOf(page, 'supervision-current')).toBe(township);
    await page.getByRole('tab', { name: /问题清单/ }).click();
    const redRow = page.locator('[data-testid=supervision-red-org]', { hasText: redName }).first();
    await redRow.waitFor();
    await redRow.click();
    await expect.poll(() => textOf(page, 'supervision-current')).toBe(redName);

    // 5. The big screen opens with its charts.
    await page.goto(`${j.server.url}/screen`);
    await page.locator('[data-testid=screen-stage]').waitFor();
    await expect.poll(() => page.locator('[data-testid=screen-stage] canvas').count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(4);

    expect(problems).toEqual([]);
    await page.close();
  });
});
