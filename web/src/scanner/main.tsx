import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../shared/theme.css';
import './scanner.css';
import { ScannerApp } from './ScannerApp.js';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ScannerApp />
  </StrictMode>,
);
