import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../shared/theme.css';
import './buy.css';
import { I18nProvider } from '../i18n/index.js';
import { BuyApp } from './BuyApp.js';
import { TablesApp } from './TablesApp.js';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      {/\/tables\/?$/.test(window.location.pathname) ? <TablesApp /> : <BuyApp />}
    </I18nProvider>
  </StrictMode>,
);
