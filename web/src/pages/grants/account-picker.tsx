// Search-as-you-type account picker over GET /api/accounts.
import { Select } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { listAccounts } from '../../api/accounts';
import type { Account } from '../../api/types';
import { useT } from '../../i18n/i18n';
import { useShowError } from '../../lib/errors';

type Props = { value?: Account; onChange: (account: Account | undefined) => void };

const SEARCH_DELAY_MS = 300;

/** Picks one account; searches the server as the user types. */
export function AccountPicker({ value, onChange }: Props) {
  const t = useT();
  const showError = useShowError();
  const [options, setOptions] = useState<Account[]>([]);
  const [loading, setLoading] = useState(false);
  const [q, setQ] = useState('');
  const seq = useRef(0);

  useEffect(() => {
    const mine = ++seq.current;
    const timer = setTimeout(() => {
      setLoading(true);
      listAccounts({ q: q || undefined, page: 1, pageSize: 20 })
        .then((page) => {
          if (mine === seq.current) setOptions(page.items);
        })
        .catch(showError)
        .finally(() => {
          if (mine === seq.current) setLoading(false);
        });
    }, q ? SEARCH_DELAY_MS : 0);
    return () => clearTimeout(timer);
  }, [q, showError]);

  const merged = value && !options.some((a) => a.id === value.id) ? [value, ...options] : options;
  return (
    <Select
      id="grantAccount"
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      loading={loading}
      value={value?.id}
      placeholder={t('grants.pickPlaceholder')}
      onChange={(id: string | undefined) => onChange(merged.find((a) => a.id === id))}
      options={merged.map((a) => ({ value: a.id, label: `${a.displayName} (${a.username})` }))}
      style={{ width: '100%', maxWidth: 420 }}
      data-testid="grant-account-picker"
    />
  );
}
