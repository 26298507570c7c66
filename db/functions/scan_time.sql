-- scan_time: the time an offline scan is decided at (a live scan's is
-- now): when it happened by the device's clock, which is kept but not
-- trusted: a time after the upload is impossible (clamped to now), and one
-- before the door of the code's event opened is clamped to that opening (a
-- code nobody issued has no door: at most a day back). skewed: the clock
-- was off by more than two minutes, which opens a clock_skew item
-- (raise_scan_signals).
create or replace function scan_time(
  p_scanned_at timestamptz,
  s            scan_subject,
  p_now        timestamptz,
  out at       timestamptz,
  out skewed   boolean
)
language sql immutable as $$
  select clamped, clamped not between raw - interval '2 minutes' and raw + interval '2 minutes'
    from (select coalesce(p_scanned_at, p_now) as raw) r,
         lateral (select greatest(least(raw, p_now), coalesce(s.door_opens, p_now - interval '1 day')) as clamped) c
$$;
