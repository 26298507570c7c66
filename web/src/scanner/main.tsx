import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nProvider } from '../i18n/index.js';
import '../shared/theme.css';
import './scanner.css';
import { ScannerApp } from './ScannerApp.js';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <ScannerApp />
    </I18nProvider>
  </StrictMode>,
);
