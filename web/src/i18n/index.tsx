import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { en, type MessageKey } from './en.js';
import { es } from './es.js';

/**
 * Two languages, one catalogue each (en.ts, es.ts), looked up by key. es.ts
 * is typed by en.ts, so a missing key fails the type-check, and
 * test/unit/i18n.test.ts also compares the placeholders.
 */
export const CATALOGUES = { en, es } as const;
export type Language = keyof typeof CATALOGUES;
export type { MessageKey };
export type Vars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: Vars) => string;

const STORAGE_KEY = 'maguey.language';

/** A chosen language, else the browser's first language we have, else English. */
export function detectLanguage(): Language {
  const saved = safeStorage()?.getItem(STORAGE_KEY);
  if (saved === 'en' || saved === 'es') return saved;
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.slice(0, 2).toLowerCase();
    if (base === 'es' || base === 'en') return base;
  }
  return 'en';
}

function safeStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** "{n} of {total}" with its values filled in. */
export function translate(language: Language, key: MessageKey, vars: Vars = {}): string {
  return CATALOGUES[language][key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

interface I18n { language: Language; t: Translate; setLanguage(language: Language): void }

const I18nContext = createContext<I18n>({ language: 'en', t: (key, vars) => translate('en', key, vars), setLanguage: () => undefined });

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setState] = useState<Language>(detectLanguage);
  const setLanguage = useCallback((next: Language) => {
    safeStorage()?.setItem(STORAGE_KEY, next);
    document.documentElement.lang = next;
    setState(next);
  }, []);
  document.documentElement.lang = language;
  const value = useMemo<I18n>(() => ({ language, setLanguage, t: (key, vars) => translate(language, key, vars) }), [language, setLanguage]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export const useI18n = (): I18n => useContext(I18nContext);

/** The language switch both apps show. */
export function LanguageSwitch() {
  const { language, setLanguage, t } = useI18n();
  return (
    <label className="language-switch">
      <span className="visually-hidden">{t('common.language')}</span>
      <select value={language} onChange={(e) => setLanguage(e.target.value as Language)} data-testid="language">
        <option value="en" lang="en">English</option>
        <option value="es" lang="es">Español</option>
      </select>
    </label>
  );
}
