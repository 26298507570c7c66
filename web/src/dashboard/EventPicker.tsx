import type { Event } from '../api/types.js';
import { useI18n } from '../i18n/index.js';
import { formatDayTime } from '../shared/format.js';

/** Which night the dashboard shows. */
export function EventPicker({ events, value, onChange }: { events: Event[]; value: string | null; onChange(id: string): void }) {
  const { t } = useI18n();
  return (
    <label className="event-picker">
      <span className="visually-hidden">{t('dashboard.eventPicker')}</span>
      <select value={value ?? ''} onChange={(e) => onChange(e.target.value)} data-testid="event-picker">
        {value === null && <option value="">{t('dashboard.chooseEvent')}</option>}
        {events.map((event) => (
          <option key={event.id} value={event.id}>
            {event.name} · {formatDayTime(event.startsAt)}{event.status !== 'published' ? ` (${event.status})` : ''}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Tonight: the event under way (doors open to end), else the next to start, else the latest past one. */
export function pickTonight(events: Event[], now = Date.now()): Event | undefined {
  const times = (e: Event) => ({
    opens: new Date(e.doorsOpenAt ?? e.startsAt).getTime(), starts: new Date(e.startsAt).getTime(), ends: new Date(e.endsAt).getTime(),
  });
  const live = events.filter((e) => e.status !== 'cancelled').filter((e) => times(e).opens - 3 * 3_600_000 <= now && now <= times(e).ends);
  if (live.length) return live.sort((a, b) => times(a).starts - times(b).starts)[0];
  const upcoming = events.filter((e) => times(e).starts > now).sort((a, b) => times(a).starts - times(b).starts);
  if (upcoming.length) return upcoming[0];
  return events.slice().sort((a, b) => times(b).starts - times(a).starts)[0];
}
