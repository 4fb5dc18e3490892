import { describe, expect, it } from 'vitest';
import { journey, submitLogin } from './server.ts';

// The browser journey of the foundation: log in, see the menu your role allows, log out.
const j = journey();

describe('login journey', () => {
  it('an audit administrator sees the audit menu and the demo banner, then logs out', async () => {
    const page = await j.loginAs('auditor');
    await expect(page.locator('[data-testid="demo-banner"]').isVisible()).resolves.toBe(true);
    const menu = await page.locator('[data-testid="main-menu"]').innerText();
    expect(menu).toContain('登录日志');
    expect(menu).toContain('操作日志');
    expect(menu).not.toContain('账号管理');
    expect(menu).not.toContain('组织管理');
    await page.click('text=登录日志');
    await page.waitForSelector('.ant-table-row');
    expect(await page.locator('.ant-table-row').count()).toBeGreaterThan(0);
    await page.click('[data-testid="logout"]');
    await page.waitForURL(/\/login/);
    const me = await page.evaluate(async () => (await fetch('/api/auth/me')).status);
    expect(me).toBe(401);
    await page.close();
  });

  it('a county administrator sees the organization menu but not the audit trail', async () => {
    const page = await j.loginAs('county.admin');
    const menu = await page.locator('[data-testid="main-menu"]').innerText();
    expect(menu).toContain('组织管理');
    expect(menu).not.toContain('登录日志');
    await page.goto(`${j.server.url}/audit/login`);
    await page.waitForSelector('.ant-result-403');
    expect(await page.locator('.ant-result-title').innerText()).toBe('无权访问');
    await page.close();
  });

  it('wrong passwords show the error in Chinese and keep the user on the login page', async () => {
    await j.ctx.clearCookies();
    const page = await j.ctx.newPage();
    await submitLogin(page, j.server.url, 'county.admin', 'Wrong#Pass2026');
    await page.waitForSelector('text=用户名或密码错误');
    expect(page.url()).toContain('/login');
    await page.close();
  });
});
