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

// Only the build has a service worker (web/scanner-shell.ts); the dev server serves the sources.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  navigator.serviceWorker.register('/scan/sw.js', { scope: '/scan/', type: 'module' })
    .catch((error: unknown) => console.warn('The scanner will not open offline:', error));
}
