import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { browser, journey } from './server.ts';

// The browser journey of issue 4: secretary.a plans a 主题党日; a kiosk (registered by the county
// administrator for the branch) takes card scans — a member of the branch, a member of another branch
// (非隶属), the first card again (duplicate) and an unknown card; the secretary's live attendance view
// updates without reloading; the secretary records minutes with a photo and submits; the member sees
// the activity in their electronic file.
const j = journey();

const SECRETARY_A_MEMBER = '330522197307050373';
const SECRETARY_B_MEMBER = '330522197311286266';
const TITLE = '11月主题党日：重温入党誓词';
const MINUTES = '全体党员重温入党誓词，诵读党章第一章，交纳十一月党费。';

type Member = { id: string; orgId: string; name: string; cardNo: string | null };

/** A county administrator's API session (cookie and CSRF token). */
async function adminApi() {
  const res = await fetch(`${j.server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'county.admin', password: 'Hongyun@2026' }),
  });
  expect(res.status).toBe(200);
  const csrf = ((await res.json()) as { csrfToken: string }).csrfToken;
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  return async <T>(method: string, url: string, body?: unknown): Promise<T> => {
    const r = await fetch(`${j.server.url}${url}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrf, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    expect(r.status, `${method} ${url}`).toBeLessThan(300);
    return (await r.json()) as T;
  };
}

/** "YYYY-MM-DD HH:mm" in Asia/Shanghai, as the console's pickers show times. */
const shanghai = (d: Date) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'short' }).format(d);

async function scan(kiosk: Page, text: string) {
  const el = kiosk.locator('[data-testid=kiosk-result]');
  await expect.poll(() => el.getAttribute('data-kind'), { timeout: 15_000 }).toBe('idle');
  await kiosk.fill('#kioskScan', text);
  await kiosk.press('#kioskScan', 'Enter');
  await expect.poll(() => el.getAttribute('data-kind'), { timeout: 15_000 }).not.toBe('idle');
  return { kind: await el.getAttribute('data-kind'), code: await el.getAttribute('data-code'), text: (await el.textContent())?.replace(/\s+/g, ' ') ?? '' };
}

const statistic = async (page: Page, key: string) => Number((await page.locator(`[data-testid=attendance-${key}] .ant-statistic-content-value`).textContent())?.replace(/\D/g, '') || '0');

describe('activities journey', () => {
  it('plan a 主题党日, kiosk scans (member, guest, duplicate, unknown), live view, minutes with a photo, the member’s file', async () => {
    const api = await adminApi();
    const find = async (q: string) => (await api<{ items: Member[] }>('GET', `/api/members?q=${q}`)).items[0];
    const own = await find(SECRETARY_A_MEMBER);
    const guest = await find(SECRETARY_B_MEMBER);
    expect(own.cardNo && guest.cardNo).toBeTruthy();
    expect(guest.orgId).not.toBe(own.orgId);
    const kioskCreds = await api<{ keyId: string; secret: string }>('POST', '/api/checkin-devices', { name: '城北村党群服务中心签到机', orgId: own.orgId, place: '党群服务中心' });

    // 1. secretary.a plans a 主题党日 that is on now.
    const page = await j.loginAs('secretary.a');
    await page.click('text=组织生活');
    await page.click('[data-testid="main-menu"] >> text=活动管理');
    await page.waitForSelector('[data-testid="activities-page"]');
    await page.click('[data-testid="activity-create"]');
    await page.waitForSelector('.ant-modal #activityTitle');
    await page.click('#activityType');
    await page.click('.ant-select-item-option[title="主题党日"]');
    await page.fill('#activityTitle', TITLE);
    await page.click('#activityTime');
    await page.keyboard.type(shanghai(new Date(Date.now() - 20 * 60_000)));
    await page.keyboard.press('Enter');
    await page.keyboard.type(shanghai(new Date(Date.now() + 3 * 3_600_000)));
    await page.keyboard.press('Enter');
    await page.fill('#activityPlace', '城北村党群服务中心');
    // The invitation picker searches the server as one types (then nobody is invited after all).
    await page.click('[data-testid="activity-invite-members"]');
    await page.keyboard.type('陈');
    await expect.poll(() => page.locator('.ant-select-dropdown:visible .ant-select-item-option').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await page.keyboard.press('Escape');
    await page.click('[data-testid="activity-form-ok"]');
    // A client-side navigation to the new activity (no page load to wait for).
    await expect.poll(() => page.url(), { timeout: 15_000 }).toMatch(/\/activities\/[0-9a-f-]{36}/);
    const activityId = /\/activities\/([0-9a-f-]{36})/.exec(page.url())?.[1];
    await expect.poll(() => page.locator('[data-testid="activity-title"]').textContent()).toContain(TITLE);

    // 2. The secretary watches the attendance live.
    await page.click('.ant-tabs-tab >> text=签到与出勤');
    await page.waitForSelector('[data-testid="attendance-rows"] .ant-table-row');
    const expected = await statistic(page, 'expected');
    expect(expected).toBeGreaterThan(0);
    expect(await statistic(page, 'present')).toBe(0);

    // 3. The kiosk (a device, no console session) takes four scans.
    const kctx = await browser({ width: 1024, height: 768 });
    const kiosk = await kctx.newPage();
    await kiosk.goto(`${j.server.url}/kiosk`);
    await kiosk.fill('#kioskKeyId', kioskCreds.keyId);
    await kiosk.fill('#kioskSecret', kioskCreds.secret);
    await kiosk.click('[data-testid="kiosk-setup-save"]');
    // The branch may have other activities today (the demo county plans one): pick ours.
    const ours = kiosk.locator('[data-testid="kiosk-activities"] .ant-list-item', { hasText: TITLE });
    await ours.waitFor();
    await ours.locator('[data-testid="kiosk-pick"]').click();
    await kiosk.waitForSelector('#kioskScan');
    const first = await scan(kiosk, own.cardNo as string);
    expect(first.kind).toBe('ok');
    expect(first.text).toContain('隶属');
    const second = await scan(kiosk, guest.cardNo as string);
    expect(second.kind).toBe('ok');
    expect(second.text).toContain('非隶属');
    const again = await scan(kiosk, own.cardNo as string);
    expect(again.kind).toBe('duplicate');
    const unknown = await scan(kiosk, 'CX00000000');
    expect(unknown.kind).toBe('error');
    expect(unknown.code).toBe('CHECKIN_UNKNOWN_CARD');
    await kctx.close();

    // 4. The live view caught up without a reload: one member present, one guest, the latest check-in.
    await expect.poll(() => statistic(page, 'present'), { timeout: 5_000 }).toBe(1);
    await expect.poll(() => statistic(page, 'guests'), { timeout: 5_000 }).toBe(1);
    expect(await page.locator('[data-testid="attendance-last"]').textContent()).toMatch(/\S\*/);

    // 5. Minutes with a photo, then submit (the record locks).
    await page.click('.ant-tabs-tab >> text=会议记录');
    await page.waitForSelector('[data-testid="record-minutes-editor"]');
    await page.click('[data-testid="record-minutes-editor"]');
    await page.keyboard.type(MINUTES);
    await page.click('[data-testid="record-save"]');
    const photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 30, b: 30 } } }).jpeg().toBuffer();
    await page.setInputFiles('[data-testid="media-input"]', { name: '现场照片.jpg', mimeType: 'image/jpeg', buffer: photo });
    await page.waitForSelector('[data-testid="media-photo"]');
    await page.click('[data-testid="record-submit"]');
    await page.click('[data-testid="record-submit-ok"]');
    await page.waitForSelector('[data-testid="record-submitted"]');
    expect(await page.locator('[data-testid="record-minutes"]').textContent()).toContain('重温入党誓词');
    const record = await api<{ state: string; minutesHtml: string }>('GET', `/api/activities/${activityId}/record`);
    expect(record.state).toBe('submitted');
    expect(record.minutesHtml).toContain('诵读党章');

    // 6. The member sees the activity in their electronic file.
    await page.click('[data-testid="logout"]');
    await page.waitForURL(/\/login/);
    await page.close();
    const member = await j.loginAs(SECRETARY_A_MEMBER);
    await member.setViewportSize({ width: 360, height: 780 });
    await member.waitForSelector('[data-testid="my-page"]');
    await member.click('.ant-tabs-tab >> text=电子档案');
    await member.waitForSelector('[data-testid="member-timeline"]');
    await member.locator('[data-testid="timeline-item"]', { hasText: TITLE }).first().waitFor({ timeout: 10_000 });
  });
});
