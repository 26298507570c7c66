-- door_search: the people of one event a door person can find when a code
-- cannot be read — by a part of a holder's, buyer's or host's name (accents
-- and case aside: fold_text), a table number, the start of an order number,
-- or the last 6 characters of a code; guest-list guests by name or code.
-- At most 20, sorted by name; the door
-- person then scans one by subject, or types more.
--
-- Each way of finding is its own small statement on its own index (the
-- trigram and code-suffix indexes of migration 008, the tables' keys),
-- taking at most 100 hits, so a search reads hundreds of rows, never the
-- event's 50,000: one OR over a union of every subject read them all
-- (242 ms at 50,000 subjects, docs/benchmarks.md). Plans are made for the
-- very words typed (force_custom_plan): a plan made once for any words,
-- which PostgreSQL would cache after five calls, read every ticket for a
-- name (80–170 ms against 8–37 ms measured).
create or replace function door_search(p_venue_id uuid, p_event_id uuid, p_q text)
returns table (subject_id uuid, kind subject_kind, holder_name text, table_number text,
               ticket_type_name text, status pass_status, inside boolean)
language plpgsql stable
set plan_cache_mode = force_custom_plan
as $$
declare
  c_matches    constant integer := 20;
  c_per_branch constant integer := 100;
  -- names from 3 characters: a shorter part has no trigram to look up
  v_name  text := case when length(p_q) >= 3
                       then '%' || fold_text(regexp_replace(p_q, '([\\%_])', '\\\1', 'g')) || '%' end;
  v_code  text := case when length(p_q) = 6 then p_q end;
  v_hex   text := replace(lower(p_q), '-', '');
  v_first uuid;
  v_last  uuid;
  v_reservations uuid[];
  v_orders       uuid[];
  v_passes       uuid[];
  v_tickets      uuid[];
  v_guests       uuid[];
begin
  if v_hex ~ '^[0-9a-f]{6,32}$' then
    v_first := rpad(v_hex, 32, '0')::uuid;
    v_last  := rpad(v_hex, 32, 'f')::uuid;
  end if;

  -- Reservations by their host's name or their table's number.
  v_reservations := array(
    (select r.id from vip_reservations r
      where r.venue_id = p_venue_id and r.event_id = p_event_id and fold_text(r.host_name) like v_name
      limit c_per_branch)
    union
    (select r.id from vip_tables t
       join vip_reservations r on r.venue_id = t.venue_id and r.table_id = t.id
      where t.venue_id = p_venue_id and t.event_id = p_event_id and t.number = p_q));

  -- Orders by their buyer's name or the start of their number.
  v_orders := array(
    (select o.id from orders o
      where o.venue_id = p_venue_id and o.event_id = p_event_id and fold_text(o.buyer_name) like v_name
      limit c_per_branch)
    union
    (select o.id from orders o
      where o.venue_id = p_venue_id and o.id between v_first and v_last and o.event_id = p_event_id
      limit c_per_branch));

  v_passes := array(
    (select p.id from guest_passes p
      where p.venue_id = p_venue_id and p.event_id = p_event_id and fold_text(p.holder_name) like v_name
      limit c_per_branch)
    union
    (select p.id from guest_passes p
      where p.venue_id = p_venue_id and right(p.code, 6) = v_code and p.event_id = p_event_id)
    union
    (select p.id from guest_passes p
      where p.venue_id = p_venue_id and p.reservation_id = any (v_reservations)
      limit c_per_branch));

  v_tickets := array(
    (select k.id from tickets k
      where k.venue_id = p_venue_id and k.event_id = p_event_id and fold_text(k.holder_name) like v_name
      limit c_per_branch)
    union
    (select k.id from tickets k
      where k.venue_id = p_venue_id and right(k.code, 6) = v_code and k.event_id = p_event_id)
    union
    (select k.id from tickets k
      where k.venue_id = p_venue_id and k.order_id = any (v_orders)
      limit c_per_branch)
    union
    (select k.id from tickets k
      where k.venue_id = p_venue_id and k.reservation_id = any (v_reservations)
      limit c_per_branch));

  -- Guest-list guests by their name (the trigram index of migration 011) or their code's end.
  v_guests := array(
    (select g.id from guests g
      where g.venue_id = p_venue_id and g.event_id = p_event_id and fold_text(g.name) like v_name
      limit c_per_branch)
    union
    (select g.id from guests g
      where g.venue_id = p_venue_id and right(g.code, 6) = v_code and g.event_id = p_event_id));

  return query
    select s.id, s.kind, s.holder_name, s.table_number, s.ticket_type_name, s.status, s.inside
      from (select 'vip_pass'::subject_kind as kind, p.id, p.status, p.inside, t.number as table_number,
                   null::text as ticket_type_name,
                   coalesce(p.holder_name, case p.kind when 'host' then r.host_name else 'Guest of ' || r.host_name end) as holder_name
              from guest_passes p
              join vip_reservations r on r.venue_id = p.venue_id and r.id = p.reservation_id
              join vip_tables t       on t.venue_id = r.venue_id and t.id = r.table_id
             where p.venue_id = p_venue_id and p.id = any (v_passes)
            union all
            select 'ticket', k.id, k.status, k.inside, t.number, tt.name, coalesce(k.holder_name, o.buyer_name)
              from tickets k
              join orders o                on o.venue_id = k.venue_id and o.id = k.order_id
              join ticket_types tt         on tt.venue_id = k.venue_id and tt.id = k.ticket_type_id
              left join vip_reservations r on r.venue_id = k.venue_id and r.id = k.reservation_id
              left join vip_tables t       on t.venue_id = r.venue_id and t.id = r.table_id
             where k.venue_id = p_venue_id and k.id = any (v_tickets)
            union all
            select 'guest', g.id, g.status, g.inside > 0, null, null, g.name
              from guests g
             where g.venue_id = p_venue_id and g.id = any (v_guests)) s
     order by s.holder_name, s.table_number, s.id
     limit c_matches;
end
$$;
