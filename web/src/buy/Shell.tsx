import type { ReactNode } from 'react';
import { LanguageSwitch } from '../i18n/index.js';

/** The public pages' frame: the brand, what the page sells, the language switch. */
export function Shell({ brand, children }: { brand: string; children: ReactNode }) {
  return (
    <main className="buy">
      <header className="buy-header"><span className="brand">Maguey Pass</span><span className="muted">{brand}</span><span className="spacer" /><LanguageSwitch /></header>
      {children}
    </main>
  );
}
