import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../shared/theme.css';
import './dashboard.css';
import './setup.css';
import { I18nProvider } from '../i18n/index.js';
import { DashboardApp } from './DashboardApp.js';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <DashboardApp />
    </I18nProvider>
  </StrictMode>,
);
