-- open_attention_item: one item of the attention inbox per thing to look at.
-- While an open item of the same kind and key (the subject, or else the
-- scanner) was last touched within p_burst, the scan joins it instead of
-- opening another: a burst of 40 unknown codes is one item, a code admitted
-- three times offline is one item. An advisory lock on (kind, key) makes
-- two concurrent scans agree on that one item. Returns the item and whether
-- it was opened now (the live feed announces new items only).
create or replace function open_attention_item(
  p_venue_id   uuid,
  p_event_id   uuid,
  p_kind       attention_kind,
  p_reason     scan_reason,
  p_subject_id uuid,
  p_scanner_id uuid,
  p_scan_ids   uuid[],
  p_burst      interval,
  p_now        timestamptz,
  out id       uuid,
  out opened   boolean
)
language plpgsql as $$
begin
  perform pg_advisory_xact_lock(hashtextextended('attention/' || p_kind || '/' || coalesce(p_subject_id, p_scanner_id)::text, 0));
  -- An item lists its first 100 scans; a longer burst only moves last_scan_at.
  update attention_items a
     set scan_ids = case when cardinality(a.scan_ids) >= 100 then a.scan_ids
                         else a.scan_ids || array(select x from unnest(p_scan_ids) x where x <> all(a.scan_ids)) end,
         last_scan_at = p_now
   where a.venue_id = p_venue_id and a.kind = p_kind and a.resolved_at is null
     and coalesce(a.subject_id, a.scanner_id) = coalesce(p_subject_id, p_scanner_id)
     and a.last_scan_at > p_now - p_burst
  returning a.id into id;
  opened := id is null;
  if opened then
    insert into attention_items (venue_id, event_id, kind, reason, subject_id, scanner_id, scan_ids, opened_at, last_scan_at)
    values (p_venue_id, p_event_id, p_kind, p_reason, p_subject_id, p_scanner_id, p_scan_ids, p_now, p_now)
    returning attention_items.id into id;
  end if;
end
$$;
