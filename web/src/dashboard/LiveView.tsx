import type { Endpoints } from '../api/endpoints.js';
import type { AttentionItem, ScanLogItem, Stats } from '../api/types.js';
import { useI18n } from '../i18n/index.js';
import { AttentionPanel } from './AttentionPanel.js';
import { GateBreakdown } from './GateBreakdown.js';
import { OccupancyChart } from './OccupancyChart.js';
import { ScanLogList } from './ScanLogList.js';
import { StaleScanners } from './StaleScanners.js';
import { StatTiles } from './StatTiles.js';
import type { OccupancyPoint } from './useLiveEvent.js';

const FEED_SHOWN = 12;

/**
 * The live screen: numbers, occupancy over time, gates, (for roles that read
 * scans) the latest scans, and (for owners and managers) what needs attention
 * and the scanners not seen for 2 minutes.
 */
export function LiveView({ stats, occupancy, capacity, scanFeed, showScans, attention }: {
  stats: Stats | null;
  occupancy: OccupancyPoint[];
  capacity: number | null;
  scanFeed: ScanLogItem[];
  showScans: boolean;
  attention: { api: Endpoints; eventId: string; opened: AttentionItem[]; resync: number } | null;
}) {
  const { t } = useI18n();
  return (
    <div className="live-view">
      {attention && <StaleScanners api={attention.api} eventId={attention.eventId} />}
      {attention && <AttentionPanel {...attention} />}
      <StatTiles stats={stats} />
      <div className="live-grid">
        <div className="live-main">
          <OccupancyChart points={occupancy} capacity={capacity} />
          <GateBreakdown stats={stats} />
        </div>
        {showScans && (
          <section className="panel live-feed" aria-labelledby="feed-title">
            <h2 id="feed-title">{t('live.latestScans')}</h2>
            <ScanLogList items={scanFeed.slice(0, FEED_SHOWN)} empty={t('live.waiting')} />
          </section>
        )}
      </div>
    </div>
  );
}
