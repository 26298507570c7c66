import { useCallback, useEffect, useState } from 'react';
import type { Endpoints } from '../api/endpoints.js';
import type { LedgerEntry, NightClose } from '../api/types.js';
import { useI18n } from '../i18n/index.js';
import { ConfirmButton } from '../shared/ConfirmButton.js';
import { ErrorBanner } from '../shared/ErrorBanner.js';
import { formatAmount } from '../shared/format.js';
import { NightChart } from './NightChart.js';

/** The owner's end of the night: close it, its totals by kind, what the close found and what to do, the CSV, the chart. */
export function NightView({ api, eventId }: { api: Endpoints; eventId: string }) {
  const { t } = useI18n();
  const [close, setClose] = useState<NightClose | null>(null);
  const [entries, setEntries] = useState<LedgerEntry[]>([]);
  const [error, setError] = useState<unknown>(null);

  const loadLedger = useCallback(async () => {
    const all: LedgerEntry[] = [];
    for (let cursor: string | null | undefined; cursor !== null;) {
      const page = await api.ledger(eventId, cursor);
      all.push(...page.items);
      cursor = page.nextCursor;
    }
    setEntries(all);
  }, [api, eventId]);
  useEffect(() => { loadLedger().catch(setError); }, [loadLedger]);

  const closeNow = async () => {
    try {
      setClose(await api.closeNight(eventId));
      await loadLedger();
      setError(null);
    } catch (failure) {
      setError(failure);
    }
  };
  const download = async () => {
    try {
      const url = await api.nightReportUrl(eventId);
      const link = Object.assign(document.createElement('a'), { href: url, download: `night-${eventId}.csv` });
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (failure) {
      setError(failure);
    }
  };
  const amount = (cents: number) => formatAmount(cents, close?.currency ?? 'USD');

  return (
    <section className="panel stack" aria-labelledby="night-title" data-testid="night-view">
      <div className="panel-head">
        <h2 id="night-title">{t('night.title')}</h2>
        <ConfirmButton className="button" confirmLabel={t('night.closeConfirm')} onConfirm={() => void closeNow()}>
          {close ? t('night.closeAgain') : t('night.close')}
        </ConfirmButton>
      </div>
      <ErrorBanner error={error} />
      <NightChart entries={entries} label={t('night.chartLabel')} />
      {close && (
        <>
          <p className="muted">{t('night.closedAt', { at: new Date(close.closedAt).toLocaleTimeString() })}</p>
          <h3>{t('night.totals')}</h3>
          <dl className="order-money" data-testid="night-totals">
            {Object.entries(close.totals.ledger).map(([kind, cents]) => (
              <div key={kind} className="contents"><dt>{t(`ledger.kind.${kind as LedgerEntry['kind']}`)}</dt><dd>{amount(cents)}</dd></div>
            ))}
            <dt>{t('night.net')}</dt><dd data-testid="night-net">{amount(close.totals.netCents)}</dd>
            <dt>{t('night.cash')}</dt><dd>{t('night.cashOf', { counted: amount(close.totals.cashCountedCents), taken: amount(close.totals.cashTakenCents) })}</dd>
          </dl>
          <h3>{t('night.found', { n: close.discrepancies.length })}</h3>
          {close.discrepancies.length === 0 && <p className="muted">{t('night.nothingFound')}</p>}
          <ul className="plain-list" data-testid="discrepancies">
            {close.discrepancies.map((d) => (
              <li key={`${d.kind} ${d.ref}`} className="list-row" data-kind={d.kind}>
                <div>
                  <strong>{t(`night.kind.${d.kind}`)}</strong> · {t('night.delta', { delta: amount(d.deltaCents), expected: amount(d.expectedCents), actual: amount(d.actualCents) })}
                  <div className="small">{d.message}</div>
                </div>
              </li>
            ))}
          </ul>
          <button type="button" className="button" onClick={() => void download()} data-testid="night-csv">{t('night.csv')}</button>
        </>
      )}
    </section>
  );
}
