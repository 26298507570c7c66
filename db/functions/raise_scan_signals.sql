-- raise_scan_signals: what a scan gives the attention inbox, in its
-- transaction right after its log row (redeem_scan, step 8). An offline
-- scan whose device clock was off opens (or joins) that scanner's
-- clock_skew item. Every scan, live or uploaded offline, is checked for the
-- fraud signals, with the venue's thresholds, by when the scans happened:
-- a live scan's time is its recording, an offline scan's its clamped scan
-- time (scan_time), never its upload. Each check is one probe of an index
-- that starts with the subject or the scanner (a scan never happens after
-- it is recorded, so its recording bounds the probe), and runs only for the
-- scans it concerns:
--   code_on_many_devices  a code scanned by ≥ 2 scanners within
--                         many_devices_seconds (a shared screenshot), before
--                         or after this scan: offline phones upload in any
--                         order. Two offline admissions already an item of
--                         their own (admit_offline_scan's double_admit) are
--                         not a second item;
--   unknown_code_burst    ≥ unknown_burst_count unknown or forged codes
--                         from one scanner within unknown_burst_seconds;
--   reentry_burst         ≥ reentry_burst_count re-entries of one code
--                         within reentry_burst_minutes and no exit between
--                         (offline admissions with a conflict are their
--                         item's, not counted).
-- A burst is one item that grows (open_attention_item). Returns the items
-- opened now.
create or replace function raise_scan_signals(
  p_venue_id   uuid,
  p_event_id   uuid,
  p_scan_id    uuid,
  p_scanner_id uuid,
  p_subject_id uuid,
  p_verdict    scan_verdict,
  p_offline    boolean,
  p_skewed     boolean,
  p_now        timestamptz
) returns uuid[]
language plpgsql as $$
declare
  v        venues%rowtype;
  v_window interval;
  v_at     timestamptz := p_now;  -- when this scan happened
  v_paired uuid[] := '{}';        -- the scans of this offline admission's conflict item
  v_scans  uuid[];
  v_count  integer;
  v_item   record;
  v_opened uuid[] := '{}';
  v_reason     scan_reason := p_verdict.reason;
  v_entry_type entry_type := p_verdict.entry_type;
begin
  if p_skewed then
    v_item := open_attention_item(p_venue_id, p_event_id, 'clock_skew', null, null, p_scanner_id, array[p_scan_id], interval '1 hour', p_now);
    if v_item.opened then v_opened := v_opened || v_item.id; end if;
  end if;
  if p_offline then
    select l.scanned_at, coalesce(a.scan_ids, '{}') into v_at, v_paired
      from scan_log l left join attention_items a on a.venue_id = l.venue_id and a.id = l.conflict_id
     where l.venue_id = p_venue_id and l.id = p_scan_id;
  end if;

  -- Most scans stop at this one probe: no other scanner read the code around then.
  if p_subject_id is not null and exists (
       select 1 from venues x join scan_log l on l.venue_id = p_venue_id and l.subject_id = p_subject_id
        where x.id = p_venue_id and l.recorded_at > v_at - make_interval(secs => x.many_devices_seconds)
          and case when l.offline then l.scanned_at else l.recorded_at end
              between v_at - make_interval(secs => x.many_devices_seconds) and v_at + make_interval(secs => x.many_devices_seconds)
          and l.scanner_id <> p_scanner_id and l.id <> all(v_paired)) then
    select * into v from venues where id = p_venue_id;
    v_window := make_interval(secs => v.many_devices_seconds);
    select array_agg(l.id), count(distinct l.scanner_id) into v_scans, v_count
      from (select l.id, l.scanner_id from scan_log l
             where l.venue_id = p_venue_id and l.subject_id = p_subject_id and l.recorded_at > v_at - v_window
               and case when l.offline then l.scanned_at else l.recorded_at end between v_at - v_window and v_at + v_window
               and (l.id = p_scan_id or l.id <> all(v_paired))
             order by case when l.offline then l.scanned_at else l.recorded_at end desc limit 20) l;
    if v_count >= 2 then
      v_item := open_attention_item(p_venue_id, p_event_id, 'code_on_many_devices', null, p_subject_id, null, v_scans, v_window, p_now);
      if v_item.opened then v_opened := v_opened || v_item.id; end if;
    end if;
  end if;

  if v_reason in ('unknown_code', 'invalid_signature') then
    select * into v from venues where id = p_venue_id;
    v_window := make_interval(secs => v.unknown_burst_seconds);
    select array_agg(l.id), count(*) into v_scans, v_count
      from (select l.id from scan_log l
             where l.venue_id = p_venue_id and l.scanner_id = p_scanner_id and l.recorded_at > v_at - v_window
               and l.reason in ('unknown_code', 'invalid_signature')
               and case when l.offline then l.scanned_at else l.recorded_at end > v_at - v_window
               and case when l.offline then l.scanned_at else l.recorded_at end <= v_at
             order by case when l.offline then l.scanned_at else l.recorded_at end desc limit v.unknown_burst_count) l;
    if v_count >= v.unknown_burst_count then
      v_item := open_attention_item(p_venue_id, p_event_id, 'unknown_code_burst', null, null, p_scanner_id, v_scans, v_window, p_now);
      if v_item.opened then v_opened := v_opened || v_item.id; end if;
    end if;
  end if;

  if v_entry_type = 'reentry' and cardinality(v_paired) = 0 then
    select * into v from venues where id = p_venue_id;
    v_window := make_interval(mins => v.reentry_burst_minutes);
    select array_agg(l.id), count(*) into v_scans, v_count
      from (select l.id from scan_log l
             where l.venue_id = p_venue_id and l.subject_id = p_subject_id and l.recorded_at > v_at - v_window
               and l.entry_type = 'reentry' and l.conflict_id is null
               and case when l.offline then l.scanned_at else l.recorded_at end <= v_at
               and case when l.offline then l.scanned_at else l.recorded_at end
                   > greatest(v_at - v_window, (select max(case when x.offline then x.scanned_at else x.recorded_at end) from scan_log x
                                                 where x.venue_id = p_venue_id and x.subject_id = p_subject_id
                                                   and x.recorded_at > v_at - v_window and x.entry_type = 'exit'
                                                   and case when x.offline then x.scanned_at else x.recorded_at end <= v_at))) l;
    if v_count >= v.reentry_burst_count then
      v_item := open_attention_item(p_venue_id, p_event_id, 'reentry_burst', null, p_subject_id, null, v_scans, v_window, p_now);
      if v_item.opened then v_opened := v_opened || v_item.id; end if;
    end if;
  end if;
  return v_opened;
end
$$;
