// antd configuration: locale follows the UI language; theme uses the Party red.
import { App, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import type { ReactNode } from 'react';
import { useI18n } from './i18n/i18n';

const theme = {
  token: {
    colorPrimary: '#c8161d',
    colorLink: '#c8161d',
    borderRadius: 6,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', sans-serif",
  },
};

/** Wraps the app in ConfigProvider and antd's App (for message/modal hooks). */
export function AntdRoot({ children }: { children: ReactNode }) {
  const { lang } = useI18n();
  return (
    <ConfigProvider locale={lang === 'en' ? enUS : zhCN} theme={theme}>
      <App>{children}</App>
    </ConfigProvider>
  );
}
