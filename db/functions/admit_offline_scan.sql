-- admit_offline_scan: an entry the door admitted offline that the server
-- refuses now (the code was already used, revoked, cancelled, …). The
-- person is inside, so it stays an admission: it counts one person more
-- inside, and it opens (or joins) the subject's attention item, whose id
-- the scan carries as its conflict. docs/scan-decision.md, "Offline scans".
--
-- Placed by scan time: when this scan happened before the subject's
-- recorded first entry (an offline scan's clamped scan time, an online
-- scan's recorded time), it becomes the subject's first entry, whatever the
-- upload order; otherwise it is a re-entry after that first entry.
--
-- It changes the subject's inside flag and first-entry pointer only: a
-- table's checked-in guests and a guest's party count what the rules admit,
-- and this admission is the item's to resolve. Called under the subject's
-- lock (redeem_scan, step 2).
create or replace function admit_offline_scan(
  p_venue_id   uuid,
  p_scan_id    uuid,
  p_scanner_id uuid,
  s            scan_subject,
  p_refusal    scan_verdict,   -- the server's
  p_at         timestamptz,    -- the scan's clamped time (offline_scan_time)
  p_now        timestamptz,
  out verdict             scan_verdict,
  out first_entry_scan_id uuid,     -- the subject's first entry before this scan, by scan time
  out conflict_id         uuid,
  out opened              uuid[]    -- the item, when this scan opened it
)
language plpgsql as $$
declare
  v_first_at     timestamptz;
  v_placed_first boolean;
begin
  select case when l.offline then l.scanned_at else l.recorded_at end into v_first_at
    from scan_log l where l.venue_id = p_venue_id and l.id = s.first_entry_scan_id;
  v_placed_first := s.first_entry_scan_id is null or p_at < v_first_at;
  verdict := (p_refusal.reason, case when v_placed_first then 'first_entry' else 'reentry' end::entry_type, 1)::scan_verdict;
  first_entry_scan_id := case when v_placed_first then null else s.first_entry_scan_id end;

  if s.kind = 'guest' then
    update guests g
       set first_entry_scan_id = case when v_placed_first then p_scan_id else g.first_entry_scan_id end
     where g.venue_id = p_venue_id and g.id = s.id;
  elsif s.kind = 'vip_pass' then
    update guest_passes p
       set inside = true, status = case when p.status = 'issued' then 'checked_in'::pass_status else p.status end,
           first_entry_scan_id = case when v_placed_first then p_scan_id else p.first_entry_scan_id end
     where p.venue_id = p_venue_id and p.id = s.id;
  else
    update tickets t
       set inside = true, status = case when t.status = 'issued' then 'checked_in'::pass_status else t.status end,
           first_entry_scan_id = case when v_placed_first then p_scan_id else t.first_entry_scan_id end
     where t.venue_id = p_venue_id and t.id = s.id;
  end if;

  select o.id, case when o.opened then array[o.id] else '{}' end into conflict_id, opened
    from open_attention_item(p_venue_id, s.event_id,
           case p_refusal.reason when 'already_used' then 'double_admit' when 'already_inside' then 'double_admit'
                         when 'revoked' then 'admitted_while_revoked' when 'cancelled' then 'admitted_while_cancelled'
                         when 'unpaid' then 'admitted_while_unpaid' else 'admitted_while_invalid' end::attention_kind,
           p_refusal.reason, s.id, p_scanner_id, array_remove(array[s.first_entry_scan_id, p_scan_id], null),
           interval '100 years', p_now) o;
end
$$;
