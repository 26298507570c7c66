import type { Translate } from '../i18n/index.js';

/** How times, money and the closed lists read on screen. */

const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', hour12: false });
const clockSeconds = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
const dayAndTime = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hour12: false });

export const formatClock = (iso: string | null | undefined) => (iso ? clock.format(new Date(iso)) : '—');
export const formatClockSeconds = (iso: string | null | undefined) => (iso ? clockSeconds.format(new Date(iso)) : '—');
export const formatDayTime = (iso: string | null | undefined) => (iso ? dayAndTime.format(new Date(iso)) : '—');

/** "just now", "4 min ago", "2 h ago", else the date. */
export function formatAgo(iso: string | null | undefined, t: Translate, now = Date.now()): string {
  if (!iso) return t('common.never');
  const seconds = Math.round((now - new Date(iso).getTime()) / 1000);
  if (seconds < 45) return t('common.justNow');
  if (seconds < 3600) return t('common.minAgo', { n: Math.round(seconds / 60) });
  if (seconds < 86_400) return t('common.hAgo', { n: Math.round(seconds / 3600) });
  return formatDayTime(iso);
}

const money = new Intl.NumberFormat(undefined, { minimumFractionDigits: 0, maximumFractionDigits: 0 });
/** The API carries no currency: amounts read as "$1,000" in the venue's own money. */
export const formatMoney = (cents: number) => `$${money.format(cents / 100)}`;

/** Minor units in an ISO 4217 currency, as the reader's locale writes money ("$46.00", "46,00 US$"). */
export const formatAmount = (cents: number, currency: string) =>
  new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(cents / 100);
