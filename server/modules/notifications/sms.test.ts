import { describe, expect, it } from 'vitest';
import { SMS_PROVIDERS, smsProvider } from './sms.ts';

describe('SMS providers', () => {
  it('has only the log provider, which sends nothing and logs the masked number without the text', async () => {
    expect(Object.keys(SMS_PROVIDERS)).toEqual(['log']);
    const lines: unknown[] = [];
    const log = { info: (o: unknown) => lines.push(o), warn: () => {}, error: () => {} };
    const p = smsProvider('log', log);
    expect(p.name).toBe('log');
    await p.send('13812345678', '您有 3 个月党费未交');
    expect(lines).toEqual([{ sms: { provider: 'log', to: '138****5678', chars: 11 } }]);
    expect(JSON.stringify(lines)).not.toContain('13812345678');
    expect(JSON.stringify(lines)).not.toContain('党费');
  });

  it('refuses an unknown provider by name', () => {
    expect(() => smsProvider('aliyun', { info() {}, warn() {}, error() {} })).toThrow('unknown SMS provider "aliyun"; available: log');
  });
});
