-- Everything a scan answer shows, built from the log row. redeem_scan()
-- returns it for new and replayed scans alike; the scan list and the live
-- feed read it. Every join carries the log row's venue_id: on Citus each one
-- stays on the venue's node (a venue_id taken from an outer-joined table
-- instead was refused inside the delegated redeem_scan).
create or replace view scan_answers as
select s.id                 as scan_id,
       s.venue_id,
       s.event_id,
       s.scanner_id,
       s.device_id,
       s.staff_id,
       s.gate,
       s.direction,
       s.decision,
       s.entry_type,
       s.reason,
       s.subject_kind,
       s.subject_id,
       s.reservation_id,
       s.manual,
       s.offline,
       s.conflict_id,
       s.clock_skewed,
       s.scanned_at,
       s.recorded_at,
       s.reset_id,
       s.inside_since,
       p.pass_number,
       p.kind               as pass_kind,
       coalesce(p.holder_name, tk.holder_name, o.buyer_name, g.name,
                case p.kind when 'host' then r.host_name
                            when 'guest' then 'Guest of ' || r.host_name end) as holder_name,
       t.number             as table_number,
       coalesce(r.guest_count, g.plus_ones + 1) as guest_count,
       s.checked_in_guests,
       s.reservation_status,
       f.recorded_at        as first_entry_at,
       f.gate               as first_entry_gate,
       fd.name              as first_entry_device_name,
       e.id                 as subject_event_id,
       e.name               as event_name,
       e.starts_at          as event_starts_at,
       v.timezone,
       tt.name              as ticket_type_name,
       an.annulled_at,
       g.plus_ones          as guest_plus_ones,
       gl.name              as guest_list_name,
       gl.admit_until
  from scan_log s
  join venues v                 on v.id = s.venue_id
  left join guest_passes p      on s.subject_kind = 'vip_pass' and p.venue_id = s.venue_id and p.id = s.subject_id
  left join tickets tk          on s.subject_kind = 'ticket' and tk.venue_id = s.venue_id and tk.id = s.subject_id
  -- 'guest' as text: the view is re-created in the transaction that added
  -- the value to the enum (db/migrations/011.do.guest-lists.sql)
  left join guests g            on s.subject_kind::text = 'guest' and g.venue_id = s.venue_id and g.id = s.subject_id
  left join guest_lists gl      on gl.venue_id = s.venue_id and gl.id = g.list_id
  -- the code's own event (a wrong-event scan is logged at the scanner's)
  left join events e            on e.venue_id = s.venue_id and e.id = coalesce(p.event_id, tk.event_id, g.event_id)
  left join orders o            on o.venue_id = s.venue_id and o.id = tk.order_id
  left join ticket_types tt     on tt.venue_id = s.venue_id and tt.id = tk.ticket_type_id
  left join vip_reservations r  on r.venue_id = s.venue_id and r.id = s.reservation_id
  left join vip_tables t        on t.venue_id = s.venue_id and t.id = r.table_id
  left join scan_log f          on f.venue_id = s.venue_id and f.id = s.first_entry_scan_id
  left join devices fd          on fd.id = f.device_id
  left join scan_annulments an  on an.venue_id = s.venue_id and an.scan_id = s.id;
