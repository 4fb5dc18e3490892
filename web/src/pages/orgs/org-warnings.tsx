// The size and term warnings of an organization (DOMAIN §1) as antd Alerts, in the console's language.
import { Alert, Space } from 'antd';
import type { OrgWarning } from '../../api/orgs';
import type { TFunction } from '../../i18n/i18n';
import { useT } from '../../i18n/i18n';
import { label } from '../../lib/format';

/** The text of a warning from the catalogue (orgWarning.CODE with its numbers), else the server's. */
export function warningText(t: TFunction, w: OrgWarning): string {
  const key = `orgWarning.${w.code}`;
  const text = label(t, 'orgWarning', w.code);
  if (text === w.code || text === key) return w.message;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in w.params ? String(w.params[name]) : m));
}

/** antd Alert type of a severity. */
export const alertType = (s: OrgWarning['severity']) => (s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'info');

/** One Alert per warning, most serious first (as the server orders them). */
export function WarningAlerts({ warnings }: { warnings: OrgWarning[] }) {
  const t = useT();
  if (!warnings.length) return null;
  return (
    <Space orientation="vertical" size={8} style={{ width: '100%', marginBottom: 16 }} data-testid="org-warnings">
      {warnings.map((w) => (
        <Alert
          key={w.code}
          type={alertType(w.severity)}
          showIcon
          title={`${label(t, 'severity', w.severity)} · ${warningText(t, w)}`}
          data-testid={`org-warning-${w.code}`}
        />
      ))}
    </Space>
  );
}
