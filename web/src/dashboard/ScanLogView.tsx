import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Endpoints } from '../api/endpoints.js';
import type { ScanLogItem } from '../api/types.js';
import { useI18n } from '../i18n/index.js';
import { ErrorBanner } from '../shared/ErrorBanner.js';
import { NO_FILTERS, ScanLogFilters, type ScanFilters } from './ScanLogFilters.js';
import { ScanLogList } from './ScanLogList.js';

const PAGE = 50;

const matches = (item: ScanLogItem, f: ScanFilters) =>
  (!f.decision || item.decision === f.decision)
  && (!f.entryType || item.entryType === f.entryType)
  && (!f.source.startsWith('device:') || item.deviceId === f.source.slice(7))
  && (!f.source.startsWith('gate:') || item.gate === f.source.slice(5));

/**
 * The event's scan log, newest first: filtered by the API (decision, type,
 * scanner) and paged with its cursor; live scans that match are added on top.
 */
export function ScanLogView({ api, eventId, scanFeed, resync, knownDevices, staffId, undoAnyScan }: {
  api: Endpoints;
  eventId: string;
  scanFeed: ScanLogItem[];
  resync: number;
  /** Scanners by name when the role may list them; else they are learned from the rows. */
  knownDevices: { id: string; name: string }[];
  /** The logged-in member: their own recent admissions can be undone here. */
  staffId: string;
  /** An owner or manager undoes any scanner's recent admission here too. */
  undoAnyScan: boolean;
}) {
  const { t } = useI18n();
  const [undone, setUndone] = useState<Set<string>>(new Set());
  const [filters, setFilters] = useState<ScanFilters>(NO_FILTERS);
  const [items, setItems] = useState<ScanLogItem[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const request = useRef(0);

  const query = useCallback((after: string | null) => api.scans({
    eventId, limit: PAGE, cursor: after,
    decision: filters.decision || undefined,
    entryType: filters.entryType || undefined,
    deviceId: filters.source.startsWith('device:') ? filters.source.slice(7) : undefined,
  }), [api, eventId, filters]);

  // A fresh first page whenever the filters change or the feed reconnected.
  useEffect(() => {
    const mine = ++request.current;
    setLoading(true);
    setError(null);
    query(null).then(
      (page) => {
        if (mine !== request.current) return;
        setItems(page.items);
        setCursor(page.nextCursor);
      },
      (failure: unknown) => mine === request.current && setError(failure),
    ).finally(() => mine === request.current && setLoading(false));
  }, [query, resync]);

  const loadMore = async () => {
    if (!cursor) return;
    const mine = request.current;
    setLoading(true);
    try {
      const page = await query(cursor);
      if (mine !== request.current) return;
      setItems((list) => [...list, ...page.items.filter((i) => !list.some((x) => x.scanId === i.scanId))]);
      setCursor(page.nextCursor);
    } catch (failure) {
      setError(failure);
    } finally {
      setLoading(false);
    }
  };

  // Live scans of this event that pass the filters go on top.
  const live = useMemo(() => scanFeed.filter((s) => s.eventId === eventId), [scanFeed, eventId]);
  const shown = useMemo(() => {
    const seen = new Set(items.map((i) => i.scanId));
    const fresh = live.filter((s) => !seen.has(s.scanId));
    return [...fresh, ...items].filter((i) => matches(i, filters))
      .sort((a, b) => b.recordedAt.localeCompare(a.recordedAt));
  }, [items, live, filters]);

  const devices = useMemo(() => {
    const byId = new Map(knownDevices.map((d) => [d.id, d.name]));
    for (const i of [...items, ...live]) if (i.deviceId && !byId.has(i.deviceId)) byId.set(i.deviceId, i.deviceName ?? t('scans.scanner'));
    return [...byId].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
  }, [knownDevices, items, live, t]);
  const gates = useMemo(() => [...new Set([...items, ...live].map((i) => i.gate))].sort(), [items, live]);

  return (
    <section className="panel scan-log-view" aria-labelledby="scan-log-title">
      <h2 id="scan-log-title">{t('scans.title')}</h2>
      <ScanLogFilters value={filters} onChange={setFilters} devices={devices} gates={gates} />
      {filters.source.startsWith('gate:') && <p className="muted small">{t('scans.gateFilterNote')}</p>}
      <ErrorBanner error={error} />
      <p className="muted small">{t(undoAnyScan ? 'scans.undoHintAny' : 'scans.undoHint')}</p>
      <ScanLogList items={shown.map((i) => (undone.has(i.scanId) && !i.annulledAt ? { ...i, annulledAt: new Date().toISOString() } : i))}
        empty={loading ? t('common.loading') : t('scans.none')}
        undo={{ staffId, anyScanner: undoAnyScan, onUndo: async (scanId) => { await api.annulScan(scanId); setUndone((set) => new Set(set).add(scanId)); } }} />
      {cursor && (
        <button type="button" className="button load-more" onClick={() => void loadMore()} disabled={loading}>
          {loading ? t('common.loading') : t('common.loadMore')}
        </button>
      )}
    </section>
  );
}
