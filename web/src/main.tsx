// Entry point: providers (i18n, antd, router, session) around the routes.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { AppRoutes } from './app-routes';
import { AntdRoot } from './antd-root';
import './global.css';
import { I18nProvider } from './i18n/i18n';
import { SessionProvider } from './session/session';

const container = document.getElementById('root');
if (!container) throw new Error('#root missing');

createRoot(container).render(
  <StrictMode>
    <I18nProvider>
      <AntdRoot>
        <BrowserRouter>
          <SessionProvider>
            <AppRoutes />
          </SessionProvider>
        </BrowserRouter>
      </AntdRoot>
    </I18nProvider>
  </StrictMode>,
);
