// Language switch (header and login page): zh-CN / en, persisted by the i18n provider.
import { GlobalOutlined } from '@ant-design/icons';
import { Button, Dropdown } from 'antd';
import { type Lang, useI18n } from '../i18n/i18n';

/** A dropdown button listing the languages; `compact` hides the label on narrow screens. */
export function LangSwitch({ compact = false }: { compact?: boolean }) {
  const { lang, setLang, t } = useI18n();
  const langs: Lang[] = ['zh-CN', 'en'];
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        selectable: true,
        selectedKeys: [lang],
        items: langs.map((l) => ({ key: l, label: t(`lang.${l}`) })),
        onClick: ({ key }) => setLang(key as Lang),
      }}
    >
      <Button type="text" icon={<GlobalOutlined />} aria-label={t('lang.label')} data-testid="lang-switch">
        {compact ? null : t(`lang.${lang}`)}
      </Button>
    </Dropdown>
  );
}
