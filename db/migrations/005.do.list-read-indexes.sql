-- Index paths for the list reads of the scan log, so their cost follows the
-- page asked for, not the length of the log (docs/benchmarks.md, "List reads
-- on a long log": each at or under 20 ms p50 at 1,000,000 rows). Without
-- them, GET /v1/scans?deviceId= read the whole log per call: 8 phone
-- scanners reading theirs after every scan fell from 864 to 13 scans/s on a
-- 283k-row log. Each index costs every scan one more index insert.

-- GET /v1/scans?deviceId=: a scanner's own scans, newest first.
create index scan_log_device_time_idx on scan_log (venue_id, device_id, recorded_at desc, id desc)
  where device_id is not null;

-- GET /v1/scans without eventId: the venue's log, newest first.
create index scan_log_venue_time_idx on scan_log (venue_id, recorded_at desc, id desc);

-- GET /v1/events/{id}/occupancy sums live_scan_effects per 5 minutes: every
-- column it needs is in the index (an index-only scan of the event's rows).
create index scan_log_event_effects_idx on scan_log (venue_id, event_id, recorded_at)
  include (id, inside_delta) where reset_id is null;
