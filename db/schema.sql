CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;

CREATE TYPE public.annul_authority AS ENUM (
    'own_scans',
    'any_scan'
);

CREATE TYPE public.attention_kind AS ENUM (
    'double_admit',
    'admitted_while_revoked',
    'admitted_while_cancelled',
    'admitted_while_unpaid',
    'admitted_while_invalid',
    'clock_skew',
    'code_on_many_devices',
    'unknown_code_burst',
    'reentry_burst'
);

CREATE TYPE public.code_form AS ENUM (
    'plain',
    'signed',
    'forged',
    'subject'
);

CREATE TYPE public.commission_rule AS ENUM (
    'none',
    'revenue_share',
    'per_head'
);

CREATE TYPE public.device_role AS ENUM (
    'scanner',
    'pos'
);

CREATE TYPE public.discrepancy_kind AS ENUM (
    'provider_ledger',
    'admitted_unpaid',
    'under_minimum',
    'cash',
    'after_close'
);

CREATE TYPE public.entry_type AS ENUM (
    'first_entry',
    'reentry',
    'exit'
);

CREATE TYPE public.event_status AS ENUM (
    'draft',
    'published',
    'cancelled',
    'completed'
);

CREATE TYPE public.ledger_kind AS ENUM (
    'charge',
    'fee',
    'refund',
    'refund_failed',
    'dispute',
    'dispute_reversal',
    'deposit',
    'spend',
    'cash',
    'comp'
);

CREATE TYPE public.order_status AS ENUM (
    'pending',
    'paid',
    'cancelled',
    'refunded'
);

CREATE TYPE public.pass_kind AS ENUM (
    'host',
    'guest'
);

CREATE TYPE public.pass_status AS ENUM (
    'issued',
    'checked_in',
    'cancelled',
    'revoked'
);

CREATE TYPE public.payment_status AS ENUM (
    'open',
    'paid',
    'failed',
    'expired'
);

CREATE TYPE public.reentry_policy AS ENUM (
    'never',
    'after_exit',
    'always'
);

CREATE TYPE public.refund_status AS ENUM (
    'requested',
    'pending',
    'succeeded',
    'failed',
    'refused'
);

CREATE TYPE public.reservation_status AS ENUM (
    'pending',
    'confirmed',
    'checked_in',
    'completed',
    'cancelled',
    'no_show'
);

CREATE TYPE public.scan_decision AS ENUM (
    'admit',
    'deny'
);

CREATE TYPE public.scan_direction AS ENUM (
    'entry',
    'exit'
);

CREATE TYPE public.scan_reason AS ENUM (
    'unknown_code',
    'invalid_signature',
    'revoked',
    'wrong_event',
    'cancelled',
    'unpaid',
    'reservation_not_confirmed',
    'reservation_cancelled',
    'not_yet_valid',
    'expired',
    'already_used',
    'already_inside',
    'not_inside',
    'capacity_reached',
    'reentry',
    'superseded'
);

CREATE TYPE public.subject_kind AS ENUM (
    'vip_pass',
    'ticket',
    'guest'
);

CREATE TYPE public.scan_subject AS (
	kind public.subject_kind,
	id uuid,
	event_id uuid,
	status public.pass_status,
	serial integer,
	inside boolean,
	first_entry_scan_id uuid,
	reservation_id uuid,
	reentry public.reentry_policy,
	order_status public.order_status,
	valid_from timestamp with time zone,
	valid_until timestamp with time zone,
	door_opens timestamp with time zone,
	door_closes timestamp with time zone,
	reservation_status public.reservation_status,
	key_event_id uuid,
	key_revoked boolean,
	party_size integer,
	party_entered integer,
	party_inside integer
);

CREATE TYPE public.scan_verdict AS (
	reason public.scan_reason,
	entry_type public.entry_type,
	inside_delta smallint
);

CREATE TYPE public.scanned_code AS (
	form public.code_form,
	text text,
	kind public.subject_kind,
	subject_id uuid,
	serial integer,
	kid bigint,
	manual boolean
);

CREATE TYPE public.staff_role AS ENUM (
    'owner',
    'manager',
    'promoter',
    'door'
);

CREATE FUNCTION public.add_to_scan_counters(p_venue_id uuid, p_event_id uuid, p_scanner_id uuid, p_gate text, p_scans bigint, p_admitted bigint, p_denied bigint, p_first_entries bigint, p_reentries bigint, p_exits bigint, p_inside bigint) RETURNS void
    LANGUAGE sql
    AS $$
  insert into scan_counters as c
         (venue_id, event_id, scanner_id, gate, scans, admitted, denied, first_entries, reentries, exits, inside)
  values (p_venue_id, p_event_id, p_scanner_id, p_gate, p_scans, p_admitted, p_denied,
          p_first_entries, p_reentries, p_exits, p_inside)
  on conflict (venue_id, event_id, scanner_id, gate) do update
     set scans         = c.scans + excluded.scans,
         admitted      = c.admitted + excluded.admitted,
         denied        = c.denied + excluded.denied,
         first_entries = c.first_entries + excluded.first_entries,
         reentries     = c.reentries + excluded.reentries,
         exits         = c.exits + excluded.exits,
         inside        = c.inside + excluded.inside,
         last_scan_at  = case when excluded.scans > 0 then excluded.last_scan_at else c.last_scan_at end
$$;

CREATE FUNCTION public.admit_offline_scan(p_venue_id uuid, p_scan_id uuid, p_scanner_id uuid, s public.scan_subject, p_refusal public.scan_verdict, p_at timestamp with time zone, p_now timestamp with time zone, OUT verdict public.scan_verdict, OUT first_entry_scan_id uuid, OUT conflict_id uuid, OUT opened uuid[]) RETURNS record
    LANGUAGE plpgsql
    AS $$
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

CREATE FUNCTION public.annul_scan(p_venue_id uuid, p_scan_id uuid, p_by uuid, p_authority public.annul_authority, p_window interval) RETURNS text
    LANGUAGE plpgsql
    AS $$
declare
  v_scan     scan_log%rowtype;
begin
  select * into v_scan from scan_log where venue_id = p_venue_id and id = p_scan_id;
  if found and v_scan.subject_kind = 'vip_pass' then
    perform 1 from guest_passes where venue_id = p_venue_id and id = v_scan.subject_id for update;
  elsif found and v_scan.subject_kind = 'guest' then
    perform 1 from guests where venue_id = p_venue_id and id = v_scan.subject_id for update;
  elsif found then
    perform 1 from tickets where venue_id = p_venue_id and id = v_scan.subject_id for update;
  end if;
  select * into v_scan from scan_log where venue_id = p_venue_id and id = p_scan_id and reset_id is null;
  if not found then
    raise exception using errcode = 'MP404', message = 'scan_not_found';
  end if;
  if p_authority = 'own_scans' and v_scan.scanner_id <> p_by then
    raise exception using errcode = 'MP403', message = 'only the scanner that made a scan can annul it';
  end if;
  if exists (select 1 from scan_annulments where venue_id = p_venue_id and scan_id = p_scan_id) then
    return 'already_annulled';
  end if;
  if v_scan.decision <> 'admit' then
    raise exception using errcode = 'MP409', message = 'not_an_admission';
  end if;
  if v_scan.recorded_at < now() - p_window then
    raise exception using errcode = 'MP409', message = 'annul_window_passed';
  end if;
  if exists (select 1 from scan_log l
              where l.venue_id = p_venue_id and l.subject_id = v_scan.subject_id
                and l.decision = 'admit' and l.reset_id is null
                and (l.recorded_at, l.id) > (v_scan.recorded_at, v_scan.id)
                and not exists (select 1 from scan_annulments a where a.venue_id = l.venue_id and a.scan_id = l.id)) then
    raise exception using errcode = 'MP409', message = 'not_the_latest_scan';
  end if;
  if not move_gate_place(p_venue_id, v_scan.event_id, v_scan.gate, -v_scan.inside_delta, false) and v_scan.inside_delta = -1 then
    raise exception using errcode = 'MP409', message = 'capacity_reached';
  end if;

  insert into scan_annulments (venue_id, scan_id, event_id, scanner_id, reservation_id)
  values (p_venue_id, p_scan_id, v_scan.event_id, p_by,
          case when v_scan.entry_type = 'first_entry' then v_scan.reservation_id end);

  -- Back to how the subject was before the scan. Only the subject's latest
  -- admission can be undone, so a guest's counts step back exactly one.
  if v_scan.subject_kind = 'guest' then
    update guests
       set entries = entries - (v_scan.entry_type = 'first_entry')::int,
           inside  = inside - v_scan.inside_delta,
           status  = case when v_scan.entry_type = 'first_entry' and entries = 1 then 'issued'::pass_status else status end,
           first_entry_scan_id = case when first_entry_scan_id = v_scan.id then null else first_entry_scan_id end
     where venue_id = p_venue_id and id = v_scan.subject_id;
  -- Searched CASEs below: Citus sent the simple form (case delta when 1 …) to
  -- the worker compared with the boolean column (smallint = boolean).
  elsif v_scan.subject_kind = 'vip_pass' then
    update guest_passes
       set inside = case when v_scan.inside_delta = 1 then false when v_scan.inside_delta = -1 then true else inside end,
           status = case when v_scan.entry_type = 'first_entry' then 'issued'::pass_status else status end,
           first_entry_scan_id = case when v_scan.entry_type = 'first_entry' then null else first_entry_scan_id end
     where venue_id = p_venue_id and id = v_scan.subject_id;
  else
    update tickets
       set inside = case when v_scan.inside_delta = 1 then false when v_scan.inside_delta = -1 then true else inside end,
           status = case when v_scan.entry_type = 'first_entry' then 'issued'::pass_status else status end,
           first_entry_scan_id = case when v_scan.entry_type = 'first_entry' then null else first_entry_scan_id end
     where venue_id = p_venue_id and id = v_scan.subject_id;
  end if;
  if v_scan.entry_type = 'first_entry' and v_scan.reservation_id is not null then
    update vip_reservations
       set checked_in_guests   = checked_in_guests - 1,
           status              = case when checked_in_guests = 1 and status = 'checked_in'
                                      then 'confirmed'::reservation_status else status end,
           first_checked_in_at = case when checked_in_guests = 1 then null else first_checked_in_at end
     where venue_id = p_venue_id and id = v_scan.reservation_id;
  end if;

  perform add_to_scan_counters(p_venue_id, v_scan.event_id, v_scan.scanner_id, v_scan.gate, 0, -1, 0,
                               -(v_scan.entry_type = 'first_entry')::int, -(v_scan.entry_type = 'reentry')::int,
                               -(v_scan.entry_type = 'exit')::int, -v_scan.inside_delta);
  return 'annulled';
end
$$;

CREATE FUNCTION public.decide_scan(s public.scan_subject, c public.scanned_code, bound_event uuid, direction public.scan_direction, at timestamp with time zone) RETURNS public.scan_verdict
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
  select case
    -- 1. Is it one of ours, and genuine? A typed code that fails its
    --    signature is a typo; a camera read that does is a forgery.
    when c.form = 'forged' and c.manual                     then ('unknown_code', null, 0)::scan_verdict
    when c.form = 'forged'                                  then ('invalid_signature', null, 0)::scan_verdict
    when s.id is null                                       then ('unknown_code', null, 0)::scan_verdict
    when c.kid is not null and s.key_event_id is distinct from s.event_id
                                                            then ('invalid_signature', null, 0)::scan_verdict
    -- 2. For this door.
    when s.event_id <> coalesce(bound_event, s.event_id)    then ('wrong_event', null, 0)::scan_verdict
    -- 3. Leaving: whoever is inside may always go out.
    when direction = 'exit' and s.inside                    then (null, 'exit', -1)::scan_verdict
    when direction = 'exit'                                 then ('not_inside', null, 0)::scan_verdict
    -- 4. Still a valid way in.
    when s.status = 'revoked' or coalesce(s.key_revoked, false)
         or (c.serial is not null and c.serial <> s.serial) then ('revoked', null, 0)::scan_verdict
    when s.status = 'cancelled' or s.order_status in ('cancelled', 'refunded')
                                                            then ('cancelled', null, 0)::scan_verdict
    when s.order_status = 'pending'                         then ('unpaid', null, 0)::scan_verdict
    when s.reservation_status = 'cancelled'                 then ('reservation_cancelled', null, 0)::scan_verdict
    when s.reservation_id is not null
         and s.reservation_status not in ('confirmed', 'checked_in')
                                                            then ('reservation_not_confirmed', null, 0)::scan_verdict
    -- 5. Now: the event's door window, the ticket type's validity, a guest
    --    list's admit_until (free before 23:00).
    when at < s.door_opens or at < s.valid_from             then ('not_yet_valid', null, 0)::scan_verdict
    when at > s.door_closes or at > s.valid_until           then ('expired', null, 0)::scan_verdict
    -- 6. The re-entry policy. A guest's code admits the party one person
    --    per entry: first entries up to its size, then only those who left.
    when s.kind = 'guest' and s.party_entered < s.party_size then (null, 'first_entry', 1)::scan_verdict
    when s.kind = 'guest' and s.party_inside < s.party_entered then ('reentry', 'reentry', 1)::scan_verdict
    when s.kind = 'guest'                                   then ('already_used', null, 0)::scan_verdict
    when s.status = 'issued'                                then (null, 'first_entry', 1)::scan_verdict
    when s.reentry = 'never'                                then ('already_used', null, 0)::scan_verdict
    when s.inside and s.reentry = 'after_exit'              then ('already_inside', null, 0)::scan_verdict
    else ('reentry', 'reentry', case when s.inside then 0 else 1 end)::scan_verdict
  end
$$;

CREATE FUNCTION public.door_search(p_venue_id uuid, p_event_id uuid, p_q text) RETURNS TABLE(subject_id uuid, kind public.subject_kind, holder_name text, table_number text, ticket_type_name text, status public.pass_status, inside boolean)
    LANGUAGE plpgsql STABLE
    SET plan_cache_mode TO 'force_custom_plan'
    AS $_$
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
$_$;

CREATE FUNCTION public.enforce_order_transition() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
begin
  if new.status = old.status then
    return new;
  end if;
  if not order_transition_allowed(old.status, new.status) then
    raise exception using
      errcode = 'MP409',
      message = format('illegal_order_transition: %s → %s', old.status, new.status),
      detail  = json_build_object('from', old.status, 'to', new.status)::text;
  end if;
  new.updated_at := now();
  if new.status = 'paid' then new.paid_at := now(); end if;
  return new;
end
$$;

CREATE FUNCTION public.enforce_reservation_transition() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
begin
  if new.status = old.status then
    return new;
  end if;
  if reservation_transition_allowed(old.status, new.status)
     or (old.status = 'checked_in' and new.status = 'confirmed'
         and (exists (select 1 from reservation_resets r
                       where r.venue_id = new.venue_id and r.reservation_id = new.id
                         and r.txid = txid_current())
              or exists (select 1 from scan_annulments a
                          where a.venue_id = new.venue_id and a.reservation_id = new.id
                            and a.txid = txid_current()))) then
    new.updated_at := now();
    return new;
  end if;
  raise exception using
    errcode = 'MP409',
    message = format('illegal_reservation_transition: %s → %s', old.status, new.status),
    detail  = json_build_object('from', old.status, 'to', new.status)::text;
end
$$;

CREATE FUNCTION public.fold_text(p text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
    AS $$
begin
  return translate(lower(p),
    'áàâäãåāéèêëēíìîïīóòôöõøōúùûüūñçýÿ',
    'aaaaaaaeeeeeiiiiiooooooouuuuuncyy');
end
$$;

CREATE FUNCTION public.inside_since(p_venue_id uuid, p_subject_id uuid) RETURNS timestamp with time zone
    LANGUAGE plpgsql STABLE
    AS $$
begin
  return (
    select l.recorded_at
      from scan_log l
     where l.venue_id = p_venue_id and l.subject_id = p_subject_id and l.decision = 'admit'
       and l.direction = 'entry' and l.reset_id is null
       and not exists (select 1 from scan_annulments a where a.venue_id = l.venue_id and a.scan_id = l.id)
     order by l.recorded_at desc limit 1);
end
$$;

CREATE FUNCTION public.lock_scan_subject(p_venue_id uuid, p_code public.scanned_code) RETURNS public.scan_subject
    LANGUAGE plpgsql
    AS $$
declare
  v    scan_subject;
  v_id uuid := p_code.subject_id;  -- signed or subject: the row the code names
begin
  if p_code.form = 'forged' then
    return v;
  end if;
  -- A plain code is looked up by its text first, one index probe per kind,
  -- then locked by id like the others: one predicate choosing between text
  -- and id by the code's form made this function 0.35 ms a call instead of
  -- 0.08 (PostgreSQL's track_functions, 2,000 scans at 10,000 passes).
  if p_code.form = 'plain' then
    select id into v_id from guest_passes where venue_id = p_venue_id and code = p_code.text;
    if v_id is null then select id into v_id from tickets where venue_id = p_venue_id and code = p_code.text; end if;
    if v_id is null then select id into v_id from guests where venue_id = p_venue_id and code = p_code.text; end if;
  end if;
  if v_id is null then
    return v;
  end if;
  if p_code.form <> 'signed' or p_code.kind = 'vip_pass' then
    select 'vip_pass', p.id, p.event_id, p.status, p.code_serial, p.inside, p.first_entry_scan_id, p.reservation_id,
           e.vip_reentry, null, null, null,
           coalesce(e.doors_open_at, e.starts_at) - make_interval(mins => e.early_entry_minutes),
           e.ends_at + make_interval(mins => e.late_entry_minutes),
           r.status, null, null, null, null, null
      into v
      from guest_passes p
      join events e           on e.venue_id = p.venue_id and e.id = p.event_id
      join vip_reservations r on r.venue_id = p.venue_id and r.id = p.reservation_id
     where p.venue_id = p_venue_id
       and p.id = v_id
       for update of p;
  end if;
  if v.id is null and (p_code.form <> 'signed' or p_code.kind = 'ticket') then
    select 'ticket', t.id, t.event_id, t.status, t.code_serial, t.inside, t.first_entry_scan_id, t.reservation_id,
           tt.reentry, o.status, tt.valid_from, tt.valid_until,
           coalesce(e.doors_open_at, e.starts_at) - make_interval(mins => e.early_entry_minutes),
           e.ends_at + make_interval(mins => e.late_entry_minutes),
           r.status, null, null, null, null, null
      into v
      from tickets t
      join ticket_types tt         on tt.venue_id = t.venue_id and tt.id = t.ticket_type_id
      join orders o                on o.venue_id = t.venue_id and o.id = t.order_id
      join events e                on e.venue_id = t.venue_id and e.id = t.event_id
      left join vip_reservations r on r.venue_id = t.venue_id and r.id = t.reservation_id
     where t.venue_id = p_venue_id
       and t.id = v_id
       for update of t;
  end if;
  -- A guest: the list's admit_until is when the code stops being valid.
  if v.id is null and (p_code.form <> 'signed' or p_code.kind = 'guest') then
    select 'guest', g.id, g.event_id, g.status, g.code_serial, g.inside > 0, g.first_entry_scan_id, null,
           null, null, null, l.admit_until,
           coalesce(e.doors_open_at, e.starts_at) - make_interval(mins => e.early_entry_minutes),
           e.ends_at + make_interval(mins => e.late_entry_minutes),
           null, null, null, g.plus_ones + 1, g.entries, g.inside
      into v
      from guests g
      join guest_lists l on l.venue_id = g.venue_id and l.id = g.list_id
      join events e      on e.venue_id = g.venue_id and e.id = g.event_id
     where g.venue_id = p_venue_id
       and g.id = v_id
       for update of g;
  end if;
  if v.id is not null and p_code.kid is not null then
    select k.event_id, k.revoked_at is not null into v.key_event_id, v.key_revoked
      from event_keys k where k.venue_id = p_venue_id and k.kid = p_code.kid;
  end if;
  return v;
end
$$;

CREATE FUNCTION public.move_gate_place(p_venue_id uuid, p_event_id uuid, p_gate text, p_inside integer, p_past_capacity boolean) RETURNS boolean
    LANGUAGE plpgsql
    AS $$
begin
  if p_inside = 0 or not exists (select 1 from events where venue_id = p_venue_id and id = p_event_id and capacity is not null) then
    return true;
  end if;
  begin
    update gate_places
       set places = places - p_inside
     where venue_id = p_venue_id and event_id = p_event_id and gate = p_gate
       and case when p_inside > 0 then places >= p_inside else not overdrawn end;
    if found then
      return true;
    end if;
    raise no_data_found;
  exception when no_data_found then
    -- rolled back: the row is not held
  end;
  return split_gate_places(p_venue_id, p_event_id, p_inside, p_past_capacity);
end
$$;

CREATE FUNCTION public.moved_since(p_venue_id uuid, p_subject_id uuid, p_at timestamp with time zone) RETURNS boolean
    LANGUAGE plpgsql STABLE
    AS $$
begin
  return exists (
    select 1 from scan_log l
      left join scan_annulments a on a.venue_id = l.venue_id and a.scan_id = l.id
     where l.venue_id = p_venue_id and l.subject_id = p_subject_id and l.recorded_at > p_at
       and l.entry_type is not null and l.reset_id is null and a.scan_id is null
       and case when l.offline then l.scanned_at else l.recorded_at end > p_at);
end
$$;

CREATE FUNCTION public.open_attention_item(p_venue_id uuid, p_event_id uuid, p_kind public.attention_kind, p_reason public.scan_reason, p_subject_id uuid, p_scanner_id uuid, p_scan_ids uuid[], p_burst interval, p_now timestamp with time zone, OUT id uuid, OUT opened boolean) RETURNS record
    LANGUAGE plpgsql
    AS $$
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

CREATE FUNCTION public.order_transition_allowed(from_status public.order_status, to_status public.order_status) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$
  select from_status = to_status
      or (from_status, to_status) in (
           ('pending'::order_status, 'paid'::order_status), ('pending', 'cancelled'),
           ('paid', 'refunded'), ('paid', 'cancelled'))
$$;

CREATE FUNCTION public.place_order(p_venue_id uuid, p_event_id uuid, p_buyer_name text, p_buyer_email text, p_lines jsonb, p_paid boolean, p_created_by uuid) RETURNS uuid
    LANGUAGE plpgsql
    AS $$
declare
  v_order_id uuid := gen_random_uuid();
  v_line     record;
  v_type     ticket_types%rowtype;
  v_total    bigint := 0;
  v_fees     bigint := 0;
begin
  insert into orders (id, venue_id, event_id, buyer_name, buyer_email, status, total_cents, fee_cents, created_by, paid_at)
  values (v_order_id, p_venue_id, p_event_id, p_buyer_name, p_buyer_email,
          case when p_paid then 'paid'::order_status else 'pending' end, 0, 0, p_created_by,
          case when p_paid then now() end);

  for v_line in
    select (l->>'ticketTypeId')::uuid as type_id, sum((l->>'quantity')::int)::int as quantity
      from jsonb_array_elements(p_lines) l group by 1 order by 1
  loop
    update ticket_types set sold = sold + v_line.quantity
     where venue_id = p_venue_id and id = v_line.type_id and event_id = p_event_id
       and (inventory is null or sold + v_line.quantity <= inventory)
    returning * into v_type;
    if not found then
      if exists (select 1 from ticket_types
                  where venue_id = p_venue_id and id = v_line.type_id and event_id = p_event_id) then
        raise exception using errcode = 'MP409', message = 'sold_out',
          detail = json_build_object('ticketTypeId', v_line.type_id)::text;
      end if;
      raise exception using errcode = 'MP404', message = 'ticket_type_not_found';
    end if;
    insert into order_lines (venue_id, order_id, ticket_type_id, quantity, unit_price_cents, unit_fee_cents)
    values (p_venue_id, v_order_id, v_type.id, v_line.quantity, v_type.price_cents, v_type.fee_cents);
    insert into tickets (venue_id, event_id, ticket_type_id, order_id)
    select p_venue_id, p_event_id, v_type.id, v_order_id from generate_series(1, v_line.quantity);
    v_total := v_total + v_line.quantity * (v_type.price_cents + v_type.fee_cents);
    v_fees  := v_fees + v_line.quantity * v_type.fee_cents;
  end loop;

  update orders set total_cents = v_total, fee_cents = v_fees
   where venue_id = p_venue_id and id = v_order_id;
  return v_order_id;
end
$$;

CREATE FUNCTION public.raise_scan_signals(p_venue_id uuid, p_event_id uuid, p_scan_id uuid, p_scanner_id uuid, p_subject_id uuid, p_verdict public.scan_verdict, p_offline boolean, p_skewed boolean, p_now timestamp with time zone) RETURNS uuid[]
    LANGUAGE plpgsql
    AS $$
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

CREATE FUNCTION public.redeem_scan(p_venue_id uuid, p_token_hash bytea, p_device_id uuid, p_staff_id uuid, p_bound_event uuid, p_gate text, p_nonce text, p_code public.scanned_code, p_direction public.scan_direction, p_scanned_at timestamp with time zone, p_offline boolean DEFAULT false, p_local_decision public.scan_decision DEFAULT NULL::public.scan_decision) RETURNS jsonb
    LANGUAGE plpgsql
    AS $$
declare
  v_scanner  uuid := coalesce(p_device_id, p_staff_id);
  v_scan_id  uuid := gen_random_uuid();
  v_existing uuid;
  v_subject  scan_subject;
  v_verdict  scan_verdict;
  v_res      vip_reservations%rowtype;
  v_since    timestamptz;
  v_party    integer;              -- a guest's party let in after this scan
  v_event    uuid;
  v_now      timestamptz := now();  -- Citus refuses now() inside COALESCE in an UPDATE
  v_at       timestamptz := v_now;  -- when it happened: now, or an offline scan's clamped time (scan_time)
  v_skewed   boolean := false;
  v_first    uuid;                  -- the subject's first entry before this scan
  v_offline  record;                -- an offline admission the server refuses (admit_offline_scan)
  v_conflict uuid;                  -- its attention item
  v_opened   uuid[] := '{}';        -- the attention items this scan opened
  v_place    integer;               -- people inside the place moved at step 4 stands for: 1, -1 or 0
begin
  -- 0. The scanner may still scan, at a gate of its venue.
  if p_token_hash is not null and not exists (
       select 1 from live_tokens t
        where t.token_hash = p_token_hash and t.id = v_scanner and coalesce(t.device_role, 'scanner') = 'scanner') then
    return null;
  end if;
  if not exists (select 1 from venue_gates g where g.venue_id = p_venue_id and g.name = p_gate) then
    raise exception using errcode = 'MP400', message = 'unknown_gate', detail = json_build_object('field', '/gate')::text;
  end if;

  -- 1. A retry of a scan already decided gets its first answer. Lock 1.
  perform pg_advisory_xact_lock(hashtextextended(v_scanner::text || '/' || p_nonce, 0));
  select id into v_existing from scan_log where venue_id = p_venue_id and scanner_id = v_scanner and nonce = p_nonce;
  if found then
    return (select to_jsonb(a) || '{"replayed": true}' from scan_answers a where a.venue_id = p_venue_id and a.scan_id = v_existing);
  end if;

  -- 2. The subject, locked (lock 2), and the decision from what it says.
  v_subject := lock_scan_subject(p_venue_id, p_code);
  if p_offline then select t.at, t.skewed into v_at, v_skewed from scan_time(p_scanned_at, v_subject, v_now) t; end if;
  v_verdict := decide_scan(v_subject, p_code, p_bound_event, p_direction, v_at);
  -- An offline exit or re-entry from before the subject's last movement is logged, and moves nobody
  -- (an exit then is not judged by whether they are inside now).
  if p_offline and (v_verdict.entry_type in ('exit', 'reentry') or v_verdict.reason = 'not_inside')
     and moved_since(p_venue_id, v_subject.id, v_at) then
    v_verdict := ('superseded', coalesce(v_verdict.entry_type, 'exit'), 0)::scan_verdict;
  end if;
  -- The door sent this person away offline: nobody came in (a refusal keeps the server's reason).
  if p_local_decision = 'deny' and p_direction = 'entry' then
    v_verdict := (case when v_verdict.entry_type is null then v_verdict.reason end, null, 0)::scan_verdict;
  end if;

  -- 3. Already inside: since when (the door person checks it is the same person).
  if v_verdict.entry_type = 'reentry' and v_verdict.inside_delta = 0 then
    v_since := inside_since(p_venue_id, v_subject.id);
  end if;

  -- 4. Capacity (lock 3): a place at this gate, taken by an entry that adds
  --    a person inside (none left: refused), given back by an exit. An entry
  --    the door admitted offline takes one even past capacity: it stands
  --    (step 6). Step 7 gives back a place a later step refused.
  v_place := case when p_local_decision = 'admit' and p_direction = 'entry' and v_verdict.entry_type is null then 1
                  else v_verdict.inside_delta end;
  if v_place <> 0 and not move_gate_place(p_venue_id, v_subject.event_id, p_gate, v_place, p_local_decision is not distinct from 'admit')
     and v_verdict.inside_delta = 1 then
    v_verdict := ('capacity_reached', null, 0)::scan_verdict;
    v_place := (p_local_decision is not distinct from 'admit')::int;  -- only the offline entry moved its place
  end if;

  -- 5. The table (lock 4), on a first entry that counts into one. The
  --    status guard is repeated under the lock: a cancel may have committed
  --    since the subject was read.
  if v_verdict.entry_type = 'first_entry' and v_subject.reservation_id is not null then
    update vip_reservations
       set checked_in_guests   = checked_in_guests + 1,
           status              = case when status = 'confirmed' then 'checked_in'::reservation_status else status end,
           first_checked_in_at = coalesce(first_checked_in_at, v_now)
     where venue_id = p_venue_id and id = v_subject.reservation_id and status in ('confirmed', 'checked_in')
    returning * into v_res;
    if not found then
      select * into v_res from vip_reservations where venue_id = p_venue_id and id = v_subject.reservation_id;
      v_verdict := (case when v_res.status = 'cancelled' then 'reservation_cancelled'
                         else 'reservation_not_confirmed' end::scan_reason, null, 0)::scan_verdict;
    end if;
  elsif v_subject.reservation_id is not null then
    select * into v_res from vip_reservations where venue_id = p_venue_id and id = v_subject.reservation_id;
  end if;

  -- 6. The movement: the subject is now inside, or out; a guest's party
  --    counts one more person in (a first entry), inside, or out. An entry
  --    the door admitted offline stays an admission, placed by scan time.
  v_party := v_subject.party_entered;
  v_first := v_subject.first_entry_scan_id;
  if p_local_decision = 'admit' and p_direction = 'entry' and v_verdict.entry_type is null
     and v_verdict.reason not in ('unknown_code', 'invalid_signature', 'wrong_event') then
    v_offline := admit_offline_scan(p_venue_id, v_scan_id, v_scanner, v_subject, v_verdict, v_at, v_now);
    v_verdict := v_offline.verdict; v_first := v_offline.first_entry_scan_id; v_conflict := v_offline.conflict_id; v_opened := v_offline.opened;
  elsif v_verdict.entry_type is not null and v_verdict.reason is distinct from 'superseded' then
    if v_subject.kind = 'guest' then
      update guests
         set status = case when status = 'issued' then 'checked_in' else status end, entries = entries + (v_verdict.entry_type = 'first_entry')::int,
             inside = inside + v_verdict.inside_delta,
             first_entry_scan_id = coalesce(first_entry_scan_id, v_scan_id)
       where venue_id = p_venue_id and id = v_subject.id
      returning entries into v_party;
    elsif v_subject.kind = 'vip_pass' then
      update guest_passes
         set status = case when status = 'issued' then 'checked_in'::pass_status else status end, inside = (p_direction = 'entry'),
             first_entry_scan_id = coalesce(first_entry_scan_id, v_scan_id)
       where venue_id = p_venue_id and id = v_subject.id;
    else
      update tickets
         set status = case when status = 'issued' then 'checked_in'::pass_status else status end, inside = (p_direction = 'entry'),
             first_entry_scan_id = coalesce(first_entry_scan_id, v_scan_id)
       where venue_id = p_venue_id and id = v_subject.id;
    end if;
  end if;

  -- 7. The log row, for every scan; a wrong-event scan counts at the door
  --    where it happened; checked_in_guests is the table's count, or the
  --    guest's party let in, as this scan left it. Then this scanner's
  --    counters (lock 5).
  v_event := coalesce(p_bound_event, v_subject.event_id);
  insert into scan_log (id, venue_id, event_id, scanner_id, device_id, staff_id, gate, nonce,
                        direction, decision, entry_type, reason, subject_kind, subject_id, reservation_id,
                        code_hash, checked_in_guests, reservation_status, first_entry_scan_id,
                        inside_since, inside_delta, manual, offline, conflict_id, clock_skewed, scanned_at)
  values (v_scan_id, p_venue_id, v_event, v_scanner, p_device_id, p_staff_id, p_gate, p_nonce,
          p_direction, case when v_verdict.entry_type is null then 'deny' else 'admit' end::scan_decision,
          v_verdict.entry_type, v_verdict.reason, v_subject.kind, v_subject.id, v_subject.reservation_id,
          case when v_subject.id is null then sha256(convert_to(coalesce(p_code.text, ''), 'UTF8')) end,
          coalesce(v_res.checked_in_guests, v_party), v_res.status, v_first,
          v_since, v_verdict.inside_delta, coalesce(p_code.manual, false), p_offline, v_conflict, v_skewed,
          case when p_offline then v_at else p_scanned_at end);
  -- The place of an entry step 5 refused, or of an offline one step 6 did
  -- not let stand, goes back to its gate (held since step 4).
  if v_place <> v_verdict.inside_delta then
    perform move_gate_place(p_venue_id, v_subject.event_id, p_gate, v_verdict.inside_delta - v_place, false);
  end if;
  if v_event is not null then
    perform add_to_scan_counters(p_venue_id, v_event, v_scanner, p_gate, 1,
      (v_verdict.entry_type is not null)::int, (v_verdict.entry_type is null)::int,
      (v_verdict.entry_type is not distinct from 'first_entry')::int,
      (v_verdict.entry_type is not distinct from 'reentry')::int,
      (v_verdict.entry_type is not distinct from 'exit')::int, v_verdict.inside_delta);
  end if;

  -- 8. What needs a look: the attention items this scan opened.
  v_opened := v_opened || raise_scan_signals(p_venue_id, v_event, v_scan_id, v_scanner, v_subject.id, v_verdict, p_offline, v_skewed, v_now);
  return (select to_jsonb(a) || jsonb_build_object('replayed', false, 'attention', v_opened)
            from scan_answers a where a.venue_id = p_venue_id and a.scan_id = v_scan_id);
end
$$;

CREATE FUNCTION public.redeem_scans(p_venue_id uuid, p_scans jsonb) RETURNS jsonb
    LANGUAGE plpgsql
    AS $$
declare
  v_scan    jsonb;
  v_answers jsonb := '[]';
begin
  for v_scan in select value from jsonb_array_elements(p_scans) with ordinality as s(value, i) order by i loop
    v_answers := v_answers || jsonb_build_array(redeem_scan(
      p_venue_id,
      decode(v_scan->>'tokenHash', 'hex'),
      (v_scan->>'deviceId')::uuid,
      (v_scan->>'staffId')::uuid,
      (v_scan->>'boundEvent')::uuid,
      v_scan->>'gate',
      v_scan->>'nonce',
      jsonb_populate_record(null::scanned_code, v_scan->'code'),
      (v_scan->>'direction')::scan_direction,
      (v_scan->>'scannedAt')::timestamptz,
      coalesce((v_scan->>'offline')::boolean, false),
      (v_scan->>'localDecision')::scan_decision));
  end loop;
  return v_answers;
end
$$;

CREATE FUNCTION public.refuse_ledger_change() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
begin
  raise exception using errcode = 'MP409', message = 'ledger_append_only',
    detail = json_build_object('operation', tg_op)::text;
end
$$;

CREATE FUNCTION public.release_expired_orders() RETURNS integer
    LANGUAGE plpgsql
    AS $$
declare
  v_orders uuid[];
begin
  select coalesce(array_agg(id order by id), '{}') into v_orders
    from (select id from orders
           where status = 'pending' and expires_at <= now()
           order by venue_id, id for update skip locked) expired;
  if cardinality(v_orders) = 0 then
    return 0;
  end if;
  perform 1 from ticket_types
   where (venue_id, id) in (select venue_id, ticket_type_id from order_lines where order_id = any (v_orders))
   order by id for update;
  update ticket_types t set sold = t.sold - l.quantity
    from (select venue_id, ticket_type_id, sum(quantity)::int as quantity
            from order_lines where order_id = any (v_orders) group by 1, 2) l
   where t.venue_id = l.venue_id and t.id = l.ticket_type_id;
  update tickets set status = 'cancelled' where order_id = any (v_orders) and status <> 'revoked';
  update orders set status = 'cancelled' where id = any (v_orders);
  return cardinality(v_orders);
end
$$;

CREATE FUNCTION public.reservation_transition_allowed(from_status public.reservation_status, to_status public.reservation_status) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$
  select from_status = to_status
      or (from_status, to_status) in (
           ('pending'::reservation_status,   'confirmed'::reservation_status),
           ('confirmed',  'checked_in'),
           ('checked_in', 'completed'),
           ('pending',    'cancelled'),
           ('confirmed',  'cancelled'),
           ('confirmed',  'no_show'))
$$;

CREATE FUNCTION public.reset_reservation(p_venue_id uuid, p_reservation_id uuid, p_actor text, p_actor_staff_id uuid) RETURNS uuid
    LANGUAGE plpgsql
    AS $$
declare
  v_res      vip_reservations%rowtype;
  v_reset_id uuid;
  v_effect   record;
begin
  perform 1 from guest_passes
   where venue_id = p_venue_id and reservation_id = p_reservation_id order by id for update;
  perform 1 from tickets
   where venue_id = p_venue_id and reservation_id = p_reservation_id order by id for update;
  for v_effect in
    select event_id, sum(inside)::integer as inside from live_scan_effects
     where venue_id = p_venue_id and reservation_id = p_reservation_id and event_id is not null
     group by event_id order by event_id
  loop
    perform split_gate_places(p_venue_id, v_effect.event_id, -v_effect.inside, true);
  end loop;
  select * into v_res from vip_reservations where venue_id = p_venue_id and id = p_reservation_id for update;
  if not found then
    raise exception using errcode = 'MP404', message = 'reservation_not_found';
  end if;

  insert into reservation_resets (venue_id, event_id, reservation_id, from_status, actor, actor_staff_id)
  values (p_venue_id, v_res.event_id, p_reservation_id, v_res.status, p_actor, p_actor_staff_id)
  returning id into v_reset_id;

  -- Take this reservation's live scans out of the counters.
  perform 1 from scan_counters c
   where c.venue_id = p_venue_id
     and (c.event_id, c.scanner_id, c.gate) in
         (select event_id, scanner_id, gate from scan_log
           where venue_id = p_venue_id and reservation_id = p_reservation_id and reset_id is null)
   order by c.event_id, c.scanner_id, c.gate
     for update;
  for v_effect in
    select event_id, scanner_id, gate, sum(scans) as scans, sum(admitted) as admitted, sum(denied) as denied,
           sum(first_entries) as first_entries, sum(reentries) as reentries, sum(exits) as exits,
           sum(inside) as inside
      from live_scan_effects
     where venue_id = p_venue_id and reservation_id = p_reservation_id and event_id is not null
     group by event_id, scanner_id, gate
  loop
    perform add_to_scan_counters(p_venue_id, v_effect.event_id, v_effect.scanner_id, v_effect.gate,
                                 -v_effect.scans, -v_effect.admitted, -v_effect.denied,
                                 -v_effect.first_entries, -v_effect.reentries, -v_effect.exits, -v_effect.inside);
  end loop;

  -- Move the scans out of the live log; they are kept, marked with the reset.
  update scan_log set reset_id = v_reset_id
   where venue_id = p_venue_id and reservation_id = p_reservation_id and reset_id is null;

  update guest_passes
     set status = 'issued', inside = false, first_entry_scan_id = null
   where venue_id = p_venue_id and reservation_id = p_reservation_id and (status = 'checked_in' or inside);
  update tickets
     set status = 'issued', inside = false, first_entry_scan_id = null
   where venue_id = p_venue_id and reservation_id = p_reservation_id and (status = 'checked_in' or inside);

  update vip_reservations
     set status = case when status = 'checked_in' then 'confirmed'::reservation_status else status end,
         checked_in_guests = 0, first_checked_in_at = null
   where venue_id = p_venue_id and id = p_reservation_id;

  return v_reset_id;
end
$$;

CREATE FUNCTION public.scan_time(p_scanned_at timestamp with time zone, s public.scan_subject, p_now timestamp with time zone, OUT at timestamp with time zone, OUT skewed boolean) RETURNS record
    LANGUAGE sql IMMUTABLE
    AS $$
  select clamped, clamped not between raw - interval '2 minutes' and raw + interval '2 minutes'
    from (select coalesce(p_scanned_at, p_now) as raw) r,
         lateral (select greatest(least(raw, p_now), coalesce(s.door_opens, p_now - interval '1 day')) as clamped) c
$$;

CREATE FUNCTION public.set_order_status(p_venue_id uuid, p_order_id uuid, p_status public.order_status) RETURNS void
    LANGUAGE plpgsql
    AS $$
declare
  v_order orders%rowtype;
begin
  select * into v_order from orders where venue_id = p_venue_id and id = p_order_id for update;
  if not found then
    raise exception using errcode = 'MP404', message = 'order_not_found';
  end if;
  if v_order.status = p_status then
    return;
  end if;
  update orders set status = p_status where venue_id = p_venue_id and id = p_order_id; -- the trigger refuses illegal moves
  if p_status in ('cancelled', 'refunded') then
    perform 1 from ticket_types
     where venue_id = p_venue_id
       and id in (select ticket_type_id from order_lines where venue_id = p_venue_id and order_id = p_order_id)
     order by id for update;
    update ticket_types t set sold = t.sold - l.quantity
      from order_lines l
     where l.venue_id = p_venue_id and l.order_id = p_order_id
       and t.venue_id = p_venue_id and t.id = l.ticket_type_id;
    update tickets set status = 'cancelled'
     where venue_id = p_venue_id and order_id = p_order_id and status <> 'revoked';
  end if;
end
$$;

CREATE FUNCTION public.split_gate_places(p_venue_id uuid, p_event_id uuid, p_inside integer, p_past_capacity boolean) RETURNS boolean
    LANGUAGE plpgsql
    AS $$
declare
  v_capacity integer;
  v_free     integer;
  v_fits     boolean;
  v_gates    integer;
  v_rank     integer := 0;
  v_gate     text;
begin
  select capacity into v_capacity from events where venue_id = p_venue_id and id = p_event_id;
  if v_capacity is null then
    delete from gate_places where venue_id = p_venue_id and event_id = p_event_id;
    return true;
  end if;
  -- Only the missing rows: a conflict with a row another transaction is
  -- updating would wait for that transaction to end, out of lock order.
  insert into gate_places (venue_id, event_id, gate)
  select p_venue_id, p_event_id, g.name from venue_gates g
   where g.venue_id = p_venue_id
     and not exists (select 1 from gate_places p where p.venue_id = p_venue_id and p.event_id = p_event_id and p.gate = g.name)
   order by g.name
  on conflict do nothing;
  perform 1 from gate_places where venue_id = p_venue_id and event_id = p_event_id order by gate for update;

  v_free := v_capacity - (select coalesce(sum(inside), 0) from scan_counters
                           where venue_id = p_venue_id and event_id = p_event_id)::integer;
  v_fits := v_free - p_inside >= 0;
  if v_fits or p_inside <= 0 or p_past_capacity then
    v_free := v_free - p_inside;
  end if;
  select count(*) into v_gates from gate_places where venue_id = p_venue_id and event_id = p_event_id;
  for v_gate in select gate from gate_places where venue_id = p_venue_id and event_id = p_event_id order by gate loop
    update gate_places
       set places    = case when v_free < 0 then case when v_rank = 0 then v_free else 0 end
                            else v_free / v_gates + (v_rank < v_free % v_gates)::int end,
           overdrawn = v_free < 0
     where venue_id = p_venue_id and event_id = p_event_id and gate = v_gate;
    v_rank := v_rank + 1;
  end loop;
  return v_fits;
end
$$;

CREATE FUNCTION public.stamp_door_change() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
begin
  new.door_changed_at := now();
  return new;
end
$$;

CREATE TABLE public.attention_items (
    venue_id uuid NOT NULL,
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    event_id uuid,
    kind public.attention_kind NOT NULL,
    reason public.scan_reason,
    subject_id uuid,
    scanner_id uuid,
    scan_ids uuid[] DEFAULT '{}'::uuid[] NOT NULL,
    opened_at timestamp with time zone DEFAULT now() NOT NULL,
    last_scan_at timestamp with time zone DEFAULT now() NOT NULL,
    resolved_at timestamp with time zone,
    resolved_by uuid,
    resolution_note text,
    CONSTRAINT attention_items_check CHECK (((resolved_at IS NULL) = (resolved_by IS NULL))),
    CONSTRAINT attention_items_resolution_note_check CHECK ((length(resolution_note) <= 1000))
);

CREATE TABLE public.cash_counts (
    venue_id uuid NOT NULL,
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    event_id uuid NOT NULL,
    cents bigint NOT NULL,
    note text,
    counted_by uuid,
    counted_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT cash_counts_cents_check CHECK (((cents >= 0) AND (cents <= '100000000000'::bigint))),
    CONSTRAINT cash_counts_note_check CHECK ((length(note) <= 500))
);

CREATE TABLE public.code_revocations (
    venue_id uuid NOT NULL,
    event_id uuid NOT NULL,
    subject_kind public.subject_kind NOT NULL,
    subject_id uuid NOT NULL,
    serial integer NOT NULL,
    revoked_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE public.devices (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    venue_id uuid NOT NULL,
    event_id uuid,
    name text NOT NULL,
    gate text NOT NULL,
    token_hash bytea NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    revoked_at timestamp with time zone,
    last_seen_at timestamp with time zone,
    role public.device_role DEFAULT 'scanner'::public.device_role NOT NULL,
    CONSTRAINT devices_gate_check CHECK (((length(gate) >= 1) AND (length(gate) <= 40))),
    CONSTRAINT devices_name_check CHECK (((length(name) >= 1) AND (length(name) <= 100)))
);

CREATE TABLE public.event_keys (
    kid bigint NOT NULL,
    venue_id uuid NOT NULL,
    event_id uuid NOT NULL,
    public_key bytea NOT NULL,
    private_key_enc bytea NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    revoked_at timestamp with time zone,
    CONSTRAINT event_keys_kid_check CHECK (((kid >= 0) AND (kid <= '4294967295'::bigint))),
    CONSTRAINT event_keys_public_key_check CHECK ((length(public_key) = 32))
);

CREATE TABLE public.events (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    venue_id uuid NOT NULL,
    name text NOT NULL,
    starts_at timestamp with time zone NOT NULL,
    ends_at timestamp with time zone NOT NULL,
    doors_open_at timestamp with time zone,
    early_entry_minutes integer DEFAULT 60 NOT NULL,
    late_entry_minutes integer DEFAULT 60 NOT NULL,
    vip_reentry public.reentry_policy DEFAULT 'always'::public.reentry_policy NOT NULL,
    refundable_until timestamp with time zone,
    capacity integer,
    status public.event_status DEFAULT 'published'::public.event_status NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    commission_rule public.commission_rule DEFAULT 'none'::public.commission_rule NOT NULL,
    commission_basis_points integer DEFAULT 0 NOT NULL,
    commission_per_head_cents bigint DEFAULT 0 NOT NULL,
    closed_at timestamp with time zone,
    CONSTRAINT events_capacity_check CHECK ((capacity > 0)),
    CONSTRAINT events_check CHECK ((ends_at > starts_at)),
    CONSTRAINT events_check1 CHECK (((doors_open_at IS NULL) OR (doors_open_at <= ends_at))),
    CONSTRAINT events_commission_basis_points_check CHECK (((commission_basis_points >= 0) AND (commission_basis_points <= 10000))),
    CONSTRAINT events_commission_per_head_cents_check CHECK (((commission_per_head_cents >= 0) AND (commission_per_head_cents <= 100000000))),
    CONSTRAINT events_early_entry_minutes_check CHECK (((early_entry_minutes >= 0) AND (early_entry_minutes <= 1440))),
    CONSTRAINT events_late_entry_minutes_check CHECK (((late_entry_minutes >= 0) AND (late_entry_minutes <= 1440))),
    CONSTRAINT events_name_check CHECK (((length(name) >= 1) AND (length(name) <= 200))),
    CONSTRAINT events_vip_reentry_check CHECK ((vip_reentry <> 'never'::public.reentry_policy))
);

CREATE TABLE public.gate_places (
    venue_id uuid NOT NULL,
    event_id uuid NOT NULL,
    gate text NOT NULL,
    places integer DEFAULT 0 NOT NULL,
    overdrawn boolean DEFAULT false NOT NULL
);

CREATE TABLE public.guest_lists (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    venue_id uuid NOT NULL,
    event_id uuid NOT NULL,
    name text NOT NULL,
    promoter_id uuid,
    capacity integer,
    people integer DEFAULT 0 NOT NULL,
    closes_at timestamp with time zone,
    admit_until timestamp with time zone,
    created_by uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    door_changed_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT guest_lists_capacity_check CHECK (((capacity >= 1) AND (capacity <= 100000))),
    CONSTRAINT guest_lists_check CHECK (((capacity IS NULL) OR (people <= capacity))),
    CONSTRAINT guest_lists_name_check CHECK (((length(name) >= 1) AND (length(name) <= 200))),
    CONSTRAINT guest_lists_people_check CHECK ((people >= 0))
);

CREATE TABLE public.guest_passes (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    venue_id uuid NOT NULL,
    event_id uuid NOT NULL,
    reservation_id uuid NOT NULL,
    pass_number integer NOT NULL,
    kind public.pass_kind NOT NULL,
    holder_name text,
    code text NOT NULL,
    code_serial integer DEFAULT 1 NOT NULL,
    status public.pass_status DEFAULT 'issued'::public.pass_status NOT NULL,
    inside boolean DEFAULT false NOT NULL,
    first_entry_scan_id uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    door_changed_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT guest_passes_check CHECK (((kind = 'host'::public.pass_kind) = (pass_number = 1))),
    CONSTRAINT guest_passes_code_check CHECK (((length(code) >= 8) AND (length(code) <= 200))),
    CONSTRAINT guest_passes_holder_name_check CHECK ((length(holder_name) <= 200)),
    CONSTRAINT guest_passes_pass_number_check CHECK ((pass_number >= 1))
);

CREATE TABLE public.guests (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    venue_id uuid NOT NULL,
    event_id uuid NOT NULL,
    list_id uuid NOT NULL,
    name text NOT NULL,
    plus_ones integer DEFAULT 0 NOT NULL,
    email text,
    phone text,
    code text NOT NULL,
    code_serial integer DEFAULT 1 NOT NULL,
    share_token text NOT NULL,
    status public.pass_status DEFAULT 'issued'::public.pass_status NOT NULL,
    entries integer DEFAULT 0 NOT NULL,
    inside integer DEFAULT 0 NOT NULL,
    first_entry_scan_id uuid,
    created_by uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    door_changed_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT guests_check CHECK (((entries >= 0) AND (entries <= (plus_ones + 1)))),
    CONSTRAINT guests_check1 CHECK (((inside >= 0) AND (inside <= entries))),
    CONSTRAINT guests_code_check CHECK (((length(code) >= 8) AND (length(code) <= 200))),
    CONSTRAINT guests_email_check CHECK ((length(email) <= 320)),
    CONSTRAINT guests_name_check CHECK (((length(name) >= 1) AND (length(name) <= 200))),
    CONSTRAINT guests_phone_check CHECK ((length(phone) <= 40)),
    CONSTRAINT guests_plus_ones_check CHECK (((plus_ones >= 0) AND (plus_ones <= 50))),
    CONSTRAINT guests_share_token_check CHECK (((length(share_token) >= 16) AND (length(share_token) <= 64)))
);

CREATE TABLE public.installation (
    singleton boolean DEFAULT true NOT NULL,
    secret_check bytea NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT installation_singleton_check CHECK (singleton)
);

CREATE TABLE public.ledger_entries (
    venue_id uuid NOT NULL,
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    event_id uuid NOT NULL,
    order_id uuid,
    reservation_id uuid,
    payment_id uuid,
    kind public.ledger_kind NOT NULL,
    amount_cents bigint NOT NULL,
    currency text NOT NULL,
    provider_ref text,
    note text,
    at timestamp with time zone DEFAULT date_trunc('milliseconds'::text, clock_timestamp()) NOT NULL,
    pos_ref text,
    CONSTRAINT ledger_entries_currency_check CHECK ((currency ~ '^[A-Z]{3}$'::text)),
    CONSTRAINT ledger_entries_note_check CHECK ((length(note) <= 500)),
    CONSTRAINT ledger_entries_pos_ref_check CHECK (((length(pos_ref) >= 1) AND (length(pos_ref) <= 100))),
    CONSTRAINT ledger_entries_provider_ref_check CHECK (((length(provider_ref) >= 1) AND (length(provider_ref) <= 255)))
);

CREATE TABLE public.scan_annulments (
    venue_id uuid NOT NULL,
    scan_id uuid NOT NULL,
    event_id uuid NOT NULL,
    scanner_id uuid NOT NULL,
    reservation_id uuid,
    txid bigint DEFAULT txid_current() NOT NULL,
    annulled_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE public.scan_log (
    id uuid NOT NULL,
    venue_id uuid NOT NULL,
    event_id uuid,
    scanner_id uuid NOT NULL,
    device_id uuid,
    staff_id uuid,
    gate text NOT NULL,
    nonce text NOT NULL,
    direction public.scan_direction NOT NULL,
    decision public.scan_decision NOT NULL,
    entry_type public.entry_type,
    reason public.scan_reason,
    subject_kind public.subject_kind,
    subject_id uuid,
    reservation_id uuid,
    code_hash bytea,
    checked_in_guests integer,
    reservation_status public.reservation_status,
    first_entry_scan_id uuid,
    inside_since timestamp with time zone,
    inside_delta smallint DEFAULT 0 NOT NULL,
    manual boolean DEFAULT false NOT NULL,
    offline boolean DEFAULT false NOT NULL,
    scanned_at timestamp with time zone,
    recorded_at timestamp with time zone DEFAULT now() NOT NULL,
    reset_id uuid,
    conflict_id uuid,
    clock_skewed boolean DEFAULT false NOT NULL,
    CONSTRAINT scan_log_check CHECK (((device_id IS NOT NULL) OR (staff_id IS NOT NULL))),
    CONSTRAINT scan_log_check1 CHECK (((decision = 'admit'::public.scan_decision) = (entry_type IS NOT NULL))),
    CONSTRAINT scan_log_inside_delta_check CHECK (((inside_delta >= '-1'::integer) AND (inside_delta <= 1))),
    CONSTRAINT scan_log_nonce_check CHECK (((length(nonce) >= 1) AND (length(nonce) <= 64)))
);

CREATE VIEW public.live_scan_effects AS
 SELECT s.venue_id,
    s.event_id,
    s.scanner_id,
    s.gate,
    s.id AS scan_id,
    s.subject_id,
    s.reservation_id,
    s.recorded_at,
    s.conflict_id,
    1 AS scans,
    (((s.decision = 'admit'::public.scan_decision) AND (a.scan_id IS NULL)))::integer AS admitted,
    ((s.decision = 'deny'::public.scan_decision))::integer AS denied,
    (((NOT (s.entry_type IS DISTINCT FROM 'first_entry'::public.entry_type)) AND (a.scan_id IS NULL)))::integer AS first_entries,
    (((NOT (s.entry_type IS DISTINCT FROM 'reentry'::public.entry_type)) AND (a.scan_id IS NULL)))::integer AS reentries,
    (((NOT (s.entry_type IS DISTINCT FROM 'exit'::public.entry_type)) AND (a.scan_id IS NULL)))::integer AS exits,
        CASE
            WHEN (a.scan_id IS NULL) THEN (s.inside_delta)::integer
            ELSE 0
        END AS inside
   FROM (public.scan_log s
     LEFT JOIN public.scan_annulments a ON (((a.venue_id = s.venue_id) AND (a.scan_id = s.id))))
  WHERE (s.reset_id IS NULL);

CREATE TABLE public.staff (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    venue_id uuid NOT NULL,
    email text NOT NULL,
    name text NOT NULL,
    role public.staff_role NOT NULL,
    password_hash text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    disabled_at timestamp with time zone,
    CONSTRAINT staff_email_check CHECK (((email = lower(email)) AND ((length(email) >= 3) AND (length(email) <= 320)))),
    CONSTRAINT staff_name_check CHECK (((length(name) >= 1) AND (length(name) <= 200)))
);

CREATE TABLE public.staff_sessions (
    token_hash bytea NOT NULL,
    staff_id uuid NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    expires_at timestamp with time zone NOT NULL
);

CREATE VIEW public.live_tokens AS
 SELECT s.token_hash,
    'staff'::text AS kind,
    st.id,
    st.venue_id,
    st.name,
    st.email,
    st.role AS staff_role,
    NULL::text AS gate,
    NULL::uuid AS event_id,
    NULL::public.device_role AS device_role
   FROM (public.staff_sessions s
     JOIN public.staff st ON ((st.id = s.staff_id)))
  WHERE ((s.expires_at > now()) AND (st.disabled_at IS NULL))
UNION ALL
 SELECT d.token_hash,
    'device'::text AS kind,
    d.id,
    d.venue_id,
    d.name,
    NULL::text AS email,
    NULL::public.staff_role AS staff_role,
    d.gate,
    d.event_id,
    d.role AS device_role
   FROM public.devices d
  WHERE (d.revoked_at IS NULL);

CREATE TABLE public.login_attempts (
    key_hash bytea NOT NULL,
    window_start timestamp with time zone NOT NULL,
    attempts integer NOT NULL,
    CONSTRAINT login_attempts_attempts_check CHECK ((attempts >= 1))
);

CREATE TABLE public.night_closes (
    venue_id uuid NOT NULL,
    event_id uuid NOT NULL,
    closed_at timestamp with time zone NOT NULL,
    closed_by uuid,
    totals jsonb NOT NULL
);

CREATE VIEW public.order_balances AS
SELECT
    NULL::uuid AS venue_id,
    NULL::uuid AS order_id,
    NULL::uuid AS event_id,
    NULL::bigint AS paid_cents,
    NULL::bigint AS refunded_cents,
    NULL::bigint AS disputed_cents,
    NULL::bigint AS fee_cents,
    NULL::bigint AS balance_due_cents;

CREATE TABLE public.order_lines (
    venue_id uuid NOT NULL,
    order_id uuid NOT NULL,
    ticket_type_id uuid NOT NULL,
    quantity integer NOT NULL,
    unit_price_cents bigint NOT NULL,
    unit_fee_cents bigint NOT NULL,
    CONSTRAINT order_lines_quantity_check CHECK (((quantity >= 1) AND (quantity <= 100)))
);

CREATE TABLE public.orders (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    venue_id uuid NOT NULL,
    event_id uuid NOT NULL,
    buyer_name text NOT NULL,
    buyer_email text NOT NULL,
    status public.order_status DEFAULT 'pending'::public.order_status NOT NULL,
    total_cents bigint NOT NULL,
    fee_cents bigint NOT NULL,
    created_by uuid,
    paid_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    expires_at timestamp with time zone,
    buyer_locale text DEFAULT 'en'::text NOT NULL,
    tickets_mailed_at timestamp with time zone,
    promoter_id uuid,
    door_changed_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT orders_buyer_email_check CHECK (((length(buyer_email) >= 3) AND (length(buyer_email) <= 320))),
    CONSTRAINT orders_buyer_locale_check CHECK ((buyer_locale = ANY (ARRAY['en'::text, 'es'::text]))),
    CONSTRAINT orders_buyer_name_check CHECK (((length(buyer_name) >= 1) AND (length(buyer_name) <= 200))),
    CONSTRAINT orders_fee_cents_check CHECK ((fee_cents >= 0)),
    CONSTRAINT orders_total_cents_check CHECK ((total_cents >= 0))
);

CREATE TABLE public.payment_events (
    id text NOT NULL,
    type text NOT NULL,
    received_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT payment_events_id_check CHECK (((length(id) >= 1) AND (length(id) <= 255))),
    CONSTRAINT payment_events_type_check CHECK (((length(type) >= 1) AND (length(type) <= 100)))
);

CREATE TABLE public.payments (
    venue_id uuid NOT NULL,
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    event_id uuid NOT NULL,
    order_id uuid,
    reservation_id uuid,
    checkout_session text,
    payment_intent text,
    amount_cents bigint NOT NULL,
    currency text NOT NULL,
    status public.payment_status DEFAULT 'open'::public.payment_status NOT NULL,
    failure text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT payments_amount_cents_check CHECK ((amount_cents >= 0)),
    CONSTRAINT payments_check CHECK ((num_nonnulls(order_id, reservation_id) = 1)),
    CONSTRAINT payments_currency_check CHECK ((currency ~ '^[A-Z]{3}$'::text)),
    CONSTRAINT payments_failure_check CHECK ((length(failure) <= 500))
);

CREATE TABLE public.promoter_caps (
    venue_id uuid NOT NULL,
    event_id uuid NOT NULL,
    promoter_id uuid NOT NULL,
    guest_cap integer,
    CONSTRAINT promoter_caps_guest_cap_check CHECK (((guest_cap >= 0) AND (guest_cap <= 100000)))
);

CREATE TABLE public.refunds (
    venue_id uuid NOT NULL,
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    event_id uuid NOT NULL,
    order_id uuid,
    idempotency_key text NOT NULL,
    amount_cents bigint NOT NULL,
    reason text NOT NULL,
    status public.refund_status DEFAULT 'requested'::public.refund_status NOT NULL,
    provider_ref text,
    failure text,
    requested_by uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    reservation_id uuid,
    asked_at timestamp with time zone,
    CONSTRAINT refunds_amount_cents_check CHECK ((amount_cents > 0)),
    CONSTRAINT refunds_check CHECK ((num_nonnulls(order_id, reservation_id) = 1)),
    CONSTRAINT refunds_failure_check CHECK ((length(failure) <= 500)),
    CONSTRAINT refunds_idempotency_key_check CHECK (((length(idempotency_key) >= 1) AND (length(idempotency_key) <= 200))),
    CONSTRAINT refunds_reason_check CHECK (((length(reason) >= 1) AND (length(reason) <= 500)))
);

CREATE TABLE public.vip_reservations (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    venue_id uuid NOT NULL,
    event_id uuid NOT NULL,
    table_id uuid NOT NULL,
    host_name text NOT NULL,
    host_email text,
    host_phone text,
    guest_count integer NOT NULL,
    deposit_cents bigint DEFAULT 0 NOT NULL,
    status public.reservation_status DEFAULT 'pending'::public.reservation_status NOT NULL,
    checked_in_guests integer DEFAULT 0 NOT NULL,
    first_checked_in_at timestamp with time zone,
    created_by uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    promoter_id uuid,
    hold_expires_at timestamp with time zone,
    host_locale text DEFAULT 'en'::text NOT NULL,
    passes_mailed_at timestamp with time zone,
    door_changed_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT vip_reservations_checked_in_guests_check CHECK ((checked_in_guests >= 0)),
    CONSTRAINT vip_reservations_deposit_cents_check CHECK (((deposit_cents >= 0) AND (deposit_cents <= '100000000000'::bigint))),
    CONSTRAINT vip_reservations_guest_count_check CHECK (((guest_count >= 1) AND (guest_count <= 100))),
    CONSTRAINT vip_reservations_host_email_check CHECK ((length(host_email) <= 320)),
    CONSTRAINT vip_reservations_host_locale_check CHECK ((host_locale = ANY (ARRAY['en'::text, 'es'::text]))),
    CONSTRAINT vip_reservations_host_name_check CHECK (((length(host_name) >= 1) AND (length(host_name) <= 200))),
    CONSTRAINT vip_reservations_host_phone_check CHECK ((length(host_phone) <= 40))
);

CREATE TABLE public.vip_tables (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    venue_id uuid NOT NULL,
    event_id uuid NOT NULL,
    number text NOT NULL,
    tier text,
    capacity integer NOT NULL,
    deposit_cents bigint DEFAULT 0 NOT NULL,
    min_spend_cents bigint DEFAULT 0 NOT NULL,
    x double precision,
    y double precision,
    width real,
    height real,
    CONSTRAINT vip_tables_capacity_check CHECK (((capacity >= 1) AND (capacity <= 100))),
    CONSTRAINT vip_tables_deposit_cents_check CHECK (((deposit_cents >= 0) AND (deposit_cents <= '100000000000'::bigint))),
    CONSTRAINT vip_tables_height_check CHECK (((height >= (0)::double precision) AND (height <= (10000)::double precision))),
    CONSTRAINT vip_tables_min_spend_cents_check CHECK (((min_spend_cents >= 0) AND (min_spend_cents <= '100000000000'::bigint))),
    CONSTRAINT vip_tables_number_check CHECK (((length(number) >= 1) AND (length(number) <= 20))),
    CONSTRAINT vip_tables_tier_check CHECK ((length(tier) <= 40)),
    CONSTRAINT vip_tables_width_check CHECK (((width >= (0)::double precision) AND (width <= (10000)::double precision))),
    CONSTRAINT vip_tables_x_check CHECK (((x >= ('-10000'::integer)::double precision) AND (x <= (10000)::double precision))),
    CONSTRAINT vip_tables_y_check CHECK (((y >= ('-10000'::integer)::double precision) AND (y <= (10000)::double precision)))
);

CREATE VIEW public.reservation_balances AS
 SELECT r.venue_id,
    r.id AS reservation_id,
    r.event_id,
    r.deposit_cents,
    t.min_spend_cents,
    m.paid_cents,
    m.refunded_cents,
    m.deposit_held_cents,
    m.spent_cents,
    m.kept_cents,
    GREATEST(((t.min_spend_cents - m.deposit_held_cents) - m.spent_cents), (0)::bigint) AS min_spend_remaining_cents,
        CASE
            WHEN (r.status = ANY (ARRAY['cancelled'::public.reservation_status, 'no_show'::public.reservation_status])) THEN (0)::bigint
            ELSE GREATEST(((GREATEST(r.deposit_cents, t.min_spend_cents) - m.deposit_held_cents) - m.spent_cents), (0)::bigint)
        END AS balance_due_cents
   FROM ((public.vip_reservations r
     JOIN public.vip_tables t ON (((t.venue_id = r.venue_id) AND (t.id = r.table_id))))
     CROSS JOIN LATERAL ( SELECT (COALESCE(sum(e.amount_cents) FILTER (WHERE (e.kind = 'charge'::public.ledger_kind)), (0)::numeric))::bigint AS paid_cents,
            ((- COALESCE(sum(e.amount_cents) FILTER (WHERE (e.kind = ANY (ARRAY['refund'::public.ledger_kind, 'refund_failed'::public.ledger_kind]))), (0)::numeric)))::bigint AS refunded_cents,
            (COALESCE(sum(e.amount_cents) FILTER (WHERE (e.kind = ANY (ARRAY['charge'::public.ledger_kind, 'refund'::public.ledger_kind, 'refund_failed'::public.ledger_kind, 'dispute'::public.ledger_kind, 'dispute_reversal'::public.ledger_kind]))), (0)::numeric))::bigint AS deposit_held_cents,
            (COALESCE(sum(e.amount_cents) FILTER (WHERE (e.kind = 'spend'::public.ledger_kind)), (0)::numeric))::bigint AS spent_cents,
            (COALESCE(sum(e.amount_cents) FILTER (WHERE (e.kind = 'deposit'::public.ledger_kind)), (0)::numeric))::bigint AS kept_cents
           FROM public.ledger_entries e
          WHERE ((e.venue_id = r.venue_id) AND (e.reservation_id = r.id))) m);

CREATE TABLE public.reservation_resets (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    venue_id uuid NOT NULL,
    event_id uuid NOT NULL,
    reservation_id uuid NOT NULL,
    from_status public.reservation_status NOT NULL,
    actor text NOT NULL,
    actor_staff_id uuid,
    txid bigint DEFAULT txid_current() NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT reservation_resets_actor_check CHECK (((length(actor) >= 1) AND (length(actor) <= 200)))
);

CREATE TABLE public.revenue_discrepancies (
    venue_id uuid NOT NULL,
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    event_id uuid NOT NULL,
    kind public.discrepancy_kind NOT NULL,
    ref text NOT NULL,
    expected_cents bigint NOT NULL,
    actual_cents bigint NOT NULL,
    delta_cents bigint NOT NULL,
    message text NOT NULL,
    found_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT revenue_discrepancies_message_check CHECK ((length(message) <= 500)),
    CONSTRAINT revenue_discrepancies_ref_check CHECK (((length(ref) >= 1) AND (length(ref) <= 255)))
);

CREATE TABLE public.scan_annulments_archive (
    venue_id uuid NOT NULL,
    scan_id uuid NOT NULL,
    event_id uuid NOT NULL,
    scanner_id uuid NOT NULL,
    reservation_id uuid,
    txid bigint DEFAULT txid_current() NOT NULL,
    annulled_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE public.ticket_types (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    venue_id uuid NOT NULL,
    event_id uuid NOT NULL,
    name text NOT NULL,
    price_cents bigint NOT NULL,
    fee_cents bigint DEFAULT 0 NOT NULL,
    inventory integer,
    sold integer DEFAULT 0 NOT NULL,
    reentry public.reentry_policy DEFAULT 'never'::public.reentry_policy NOT NULL,
    valid_from timestamp with time zone,
    valid_until timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    door_changed_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT ticket_types_check CHECK (((inventory IS NULL) OR (sold <= inventory))),
    CONSTRAINT ticket_types_check1 CHECK (((valid_until IS NULL) OR (valid_from IS NULL) OR (valid_until > valid_from))),
    CONSTRAINT ticket_types_fee_cents_check CHECK (((fee_cents >= 0) AND (fee_cents <= '100000000000'::bigint))),
    CONSTRAINT ticket_types_inventory_check CHECK ((inventory >= 0)),
    CONSTRAINT ticket_types_name_check CHECK (((length(name) >= 1) AND (length(name) <= 100))),
    CONSTRAINT ticket_types_price_cents_check CHECK (((price_cents >= 0) AND (price_cents <= '100000000000'::bigint))),
    CONSTRAINT ticket_types_sold_check CHECK ((sold >= 0))
);

CREATE TABLE public.tickets (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    venue_id uuid NOT NULL,
    event_id uuid NOT NULL,
    ticket_type_id uuid NOT NULL,
    order_id uuid NOT NULL,
    reservation_id uuid,
    holder_name text,
    code text,
    code_serial integer DEFAULT 1 NOT NULL,
    status public.pass_status DEFAULT 'issued'::public.pass_status NOT NULL,
    inside boolean DEFAULT false NOT NULL,
    first_entry_scan_id uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    door_changed_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT tickets_holder_name_check CHECK ((length(holder_name) <= 200))
);

CREATE TABLE public.venues (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    name text NOT NULL,
    timezone text DEFAULT 'UTC'::text NOT NULL,
    currency text DEFAULT 'USD'::text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    many_devices_seconds integer DEFAULT 60 NOT NULL,
    unknown_burst_count integer DEFAULT 10 NOT NULL,
    unknown_burst_seconds integer DEFAULT 60 NOT NULL,
    reentry_burst_count integer DEFAULT 3 NOT NULL,
    reentry_burst_minutes integer DEFAULT 10 NOT NULL,
    CONSTRAINT venues_currency_check CHECK ((currency ~ '^[A-Z]{3}$'::text)),
    CONSTRAINT venues_many_devices_seconds_check CHECK (((many_devices_seconds >= 1) AND (many_devices_seconds <= 3600))),
    CONSTRAINT venues_name_check CHECK (((length(name) >= 1) AND (length(name) <= 200))),
    CONSTRAINT venues_reentry_burst_count_check CHECK (((reentry_burst_count >= 2) AND (reentry_burst_count <= 1000))),
    CONSTRAINT venues_reentry_burst_minutes_check CHECK (((reentry_burst_minutes >= 1) AND (reentry_burst_minutes <= 1440))),
    CONSTRAINT venues_unknown_burst_count_check CHECK (((unknown_burst_count >= 2) AND (unknown_burst_count <= 10000))),
    CONSTRAINT venues_unknown_burst_seconds_check CHECK (((unknown_burst_seconds >= 1) AND (unknown_burst_seconds <= 3600)))
);

CREATE VIEW public.scan_answers AS
 SELECT s.id AS scan_id,
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
    p.kind AS pass_kind,
    COALESCE(p.holder_name, tk.holder_name, o.buyer_name, g.name,
        CASE p.kind
            WHEN 'host'::public.pass_kind THEN r.host_name
            WHEN 'guest'::public.pass_kind THEN ('Guest of '::text || r.host_name)
            ELSE NULL::text
        END) AS holder_name,
    t.number AS table_number,
    COALESCE(r.guest_count, (g.plus_ones + 1)) AS guest_count,
    s.checked_in_guests,
    s.reservation_status,
    f.recorded_at AS first_entry_at,
    f.gate AS first_entry_gate,
    fd.name AS first_entry_device_name,
    e.id AS subject_event_id,
    e.name AS event_name,
    e.starts_at AS event_starts_at,
    v.timezone,
    tt.name AS ticket_type_name,
    an.annulled_at,
    g.plus_ones AS guest_plus_ones,
    gl.name AS guest_list_name,
    gl.admit_until
   FROM (((((((((((((public.scan_log s
     JOIN public.venues v ON ((v.id = s.venue_id)))
     LEFT JOIN public.guest_passes p ON (((s.subject_kind = 'vip_pass'::public.subject_kind) AND (p.venue_id = s.venue_id) AND (p.id = s.subject_id))))
     LEFT JOIN public.tickets tk ON (((s.subject_kind = 'ticket'::public.subject_kind) AND (tk.venue_id = s.venue_id) AND (tk.id = s.subject_id))))
     LEFT JOIN public.guests g ON ((((s.subject_kind)::text = 'guest'::text) AND (g.venue_id = s.venue_id) AND (g.id = s.subject_id))))
     LEFT JOIN public.guest_lists gl ON (((gl.venue_id = s.venue_id) AND (gl.id = g.list_id))))
     LEFT JOIN public.events e ON (((e.venue_id = s.venue_id) AND (e.id = COALESCE(p.event_id, tk.event_id, g.event_id)))))
     LEFT JOIN public.orders o ON (((o.venue_id = s.venue_id) AND (o.id = tk.order_id))))
     LEFT JOIN public.ticket_types tt ON (((tt.venue_id = s.venue_id) AND (tt.id = tk.ticket_type_id))))
     LEFT JOIN public.vip_reservations r ON (((r.venue_id = s.venue_id) AND (r.id = s.reservation_id))))
     LEFT JOIN public.vip_tables t ON (((t.venue_id = s.venue_id) AND (t.id = r.table_id))))
     LEFT JOIN public.scan_log f ON (((f.venue_id = s.venue_id) AND (f.id = s.first_entry_scan_id))))
     LEFT JOIN public.devices fd ON ((fd.id = f.device_id)))
     LEFT JOIN public.scan_annulments an ON (((an.venue_id = s.venue_id) AND (an.scan_id = s.id))));

CREATE TABLE public.scan_counters (
    venue_id uuid NOT NULL,
    event_id uuid NOT NULL,
    scanner_id uuid NOT NULL,
    gate text NOT NULL,
    scans bigint DEFAULT 0 NOT NULL,
    admitted bigint DEFAULT 0 NOT NULL,
    denied bigint DEFAULT 0 NOT NULL,
    first_entries bigint DEFAULT 0 NOT NULL,
    reentries bigint DEFAULT 0 NOT NULL,
    exits bigint DEFAULT 0 NOT NULL,
    inside bigint DEFAULT 0 NOT NULL,
    last_scan_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE public.scan_log_archive (
    id uuid NOT NULL,
    venue_id uuid NOT NULL,
    event_id uuid,
    scanner_id uuid NOT NULL,
    device_id uuid,
    staff_id uuid,
    gate text NOT NULL,
    nonce text NOT NULL,
    direction public.scan_direction NOT NULL,
    decision public.scan_decision NOT NULL,
    entry_type public.entry_type,
    reason public.scan_reason,
    subject_kind public.subject_kind,
    subject_id uuid,
    reservation_id uuid,
    code_hash bytea,
    checked_in_guests integer,
    reservation_status public.reservation_status,
    first_entry_scan_id uuid,
    inside_since timestamp with time zone,
    inside_delta smallint DEFAULT 0 NOT NULL,
    manual boolean DEFAULT false NOT NULL,
    offline boolean DEFAULT false NOT NULL,
    scanned_at timestamp with time zone,
    recorded_at timestamp with time zone DEFAULT now() NOT NULL,
    reset_id uuid,
    conflict_id uuid,
    clock_skewed boolean DEFAULT false NOT NULL,
    CONSTRAINT scan_log_check CHECK (((device_id IS NOT NULL) OR (staff_id IS NOT NULL))),
    CONSTRAINT scan_log_check1 CHECK (((decision = 'admit'::public.scan_decision) = (entry_type IS NOT NULL))),
    CONSTRAINT scan_log_inside_delta_check CHECK (((inside_delta >= '-1'::integer) AND (inside_delta <= 1))),
    CONSTRAINT scan_log_nonce_check CHECK (((length(nonce) >= 1) AND (length(nonce) <= 64)))
);

CREATE TABLE public.schema_migrations (
    version bigint NOT NULL,
    name text,
    md5 text,
    run_at timestamp with time zone
);

CREATE TABLE public.venue_gates (
    venue_id uuid NOT NULL,
    name text NOT NULL,
    CONSTRAINT venue_gates_name_check CHECK (((length(name) >= 1) AND (length(name) <= 40)))
);

ALTER TABLE ONLY public.attention_items
    ADD CONSTRAINT attention_items_pkey PRIMARY KEY (venue_id, id);

ALTER TABLE ONLY public.cash_counts
    ADD CONSTRAINT cash_counts_pkey PRIMARY KEY (venue_id, id);

ALTER TABLE ONLY public.code_revocations
    ADD CONSTRAINT code_revocations_pkey PRIMARY KEY (venue_id, subject_id, serial);

ALTER TABLE ONLY public.devices
    ADD CONSTRAINT devices_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.devices
    ADD CONSTRAINT devices_token_hash_key UNIQUE (token_hash);

ALTER TABLE ONLY public.event_keys
    ADD CONSTRAINT event_keys_pkey PRIMARY KEY (venue_id, kid);

ALTER TABLE ONLY public.events
    ADD CONSTRAINT events_pkey PRIMARY KEY (venue_id, id);

ALTER TABLE ONLY public.gate_places
    ADD CONSTRAINT gate_places_pkey PRIMARY KEY (venue_id, event_id, gate);

ALTER TABLE ONLY public.guest_lists
    ADD CONSTRAINT guest_lists_pkey PRIMARY KEY (venue_id, id);

ALTER TABLE ONLY public.guest_lists
    ADD CONSTRAINT guest_lists_venue_id_id_event_id_key UNIQUE (venue_id, id, event_id);

ALTER TABLE ONLY public.guest_passes
    ADD CONSTRAINT guest_passes_pkey PRIMARY KEY (venue_id, id);

ALTER TABLE ONLY public.guest_passes
    ADD CONSTRAINT guest_passes_venue_id_code_key UNIQUE (venue_id, code);

ALTER TABLE ONLY public.guest_passes
    ADD CONSTRAINT guest_passes_venue_id_reservation_id_pass_number_key UNIQUE (venue_id, reservation_id, pass_number);

ALTER TABLE ONLY public.guests
    ADD CONSTRAINT guests_pkey PRIMARY KEY (venue_id, id);

ALTER TABLE ONLY public.guests
    ADD CONSTRAINT guests_venue_id_code_key UNIQUE (venue_id, code);

ALTER TABLE ONLY public.guests
    ADD CONSTRAINT guests_venue_id_share_token_key UNIQUE (venue_id, share_token);

ALTER TABLE ONLY public.installation
    ADD CONSTRAINT installation_pkey PRIMARY KEY (singleton);

ALTER TABLE ONLY public.ledger_entries
    ADD CONSTRAINT ledger_entries_pkey PRIMARY KEY (venue_id, id);

ALTER TABLE ONLY public.ledger_entries
    ADD CONSTRAINT ledger_entries_venue_id_kind_provider_ref_key UNIQUE (venue_id, kind, provider_ref);

ALTER TABLE ONLY public.login_attempts
    ADD CONSTRAINT login_attempts_pkey PRIMARY KEY (key_hash, window_start);

ALTER TABLE ONLY public.night_closes
    ADD CONSTRAINT night_closes_pkey PRIMARY KEY (venue_id, event_id);

ALTER TABLE ONLY public.order_lines
    ADD CONSTRAINT order_lines_pkey PRIMARY KEY (venue_id, order_id, ticket_type_id);

ALTER TABLE ONLY public.orders
    ADD CONSTRAINT orders_pkey PRIMARY KEY (venue_id, id);

ALTER TABLE ONLY public.orders
    ADD CONSTRAINT orders_venue_id_id_event_id_key UNIQUE (venue_id, id, event_id);

ALTER TABLE ONLY public.payment_events
    ADD CONSTRAINT payment_events_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.payments
    ADD CONSTRAINT payments_pkey PRIMARY KEY (venue_id, id);

ALTER TABLE ONLY public.payments
    ADD CONSTRAINT payments_venue_id_checkout_session_key UNIQUE (venue_id, checkout_session);

ALTER TABLE ONLY public.payments
    ADD CONSTRAINT payments_venue_id_payment_intent_key UNIQUE (venue_id, payment_intent);

ALTER TABLE ONLY public.promoter_caps
    ADD CONSTRAINT promoter_caps_pkey PRIMARY KEY (venue_id, event_id, promoter_id);

ALTER TABLE ONLY public.refunds
    ADD CONSTRAINT refunds_pkey PRIMARY KEY (venue_id, id);

ALTER TABLE ONLY public.refunds
    ADD CONSTRAINT refunds_venue_id_order_id_idempotency_key_key UNIQUE (venue_id, order_id, idempotency_key);

ALTER TABLE ONLY public.refunds
    ADD CONSTRAINT refunds_venue_id_provider_ref_key UNIQUE (venue_id, provider_ref);

ALTER TABLE ONLY public.refunds
    ADD CONSTRAINT refunds_venue_id_reservation_id_idempotency_key_key UNIQUE (venue_id, reservation_id, idempotency_key);

ALTER TABLE ONLY public.reservation_resets
    ADD CONSTRAINT reservation_resets_pkey PRIMARY KEY (venue_id, id);

ALTER TABLE ONLY public.revenue_discrepancies
    ADD CONSTRAINT revenue_discrepancies_pkey PRIMARY KEY (venue_id, id);

ALTER TABLE ONLY public.revenue_discrepancies
    ADD CONSTRAINT revenue_discrepancies_venue_id_event_id_kind_ref_key UNIQUE (venue_id, event_id, kind, ref);

ALTER TABLE ONLY public.scan_annulments_archive
    ADD CONSTRAINT scan_annulments_archive_pkey PRIMARY KEY (venue_id, scan_id);

ALTER TABLE ONLY public.scan_annulments
    ADD CONSTRAINT scan_annulments_pkey PRIMARY KEY (venue_id, scan_id);

ALTER TABLE ONLY public.scan_counters
    ADD CONSTRAINT scan_counters_pkey PRIMARY KEY (venue_id, event_id, scanner_id, gate);

ALTER TABLE ONLY public.scan_log_archive
    ADD CONSTRAINT scan_log_archive_pkey PRIMARY KEY (venue_id, id);

ALTER TABLE ONLY public.scan_log
    ADD CONSTRAINT scan_log_pkey PRIMARY KEY (venue_id, id);

ALTER TABLE ONLY public.schema_migrations
    ADD CONSTRAINT schema_migrations_pkey PRIMARY KEY (version);

ALTER TABLE ONLY public.staff
    ADD CONSTRAINT staff_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.staff_sessions
    ADD CONSTRAINT staff_sessions_pkey PRIMARY KEY (token_hash);

ALTER TABLE ONLY public.ticket_types
    ADD CONSTRAINT ticket_types_pkey PRIMARY KEY (venue_id, id);

ALTER TABLE ONLY public.ticket_types
    ADD CONSTRAINT ticket_types_venue_id_id_event_id_key UNIQUE (venue_id, id, event_id);

ALTER TABLE ONLY public.tickets
    ADD CONSTRAINT tickets_pkey PRIMARY KEY (venue_id, id);

ALTER TABLE ONLY public.tickets
    ADD CONSTRAINT tickets_venue_id_code_key UNIQUE (venue_id, code);

ALTER TABLE ONLY public.venue_gates
    ADD CONSTRAINT venue_gates_pkey PRIMARY KEY (venue_id, name);

ALTER TABLE ONLY public.venues
    ADD CONSTRAINT venues_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.vip_reservations
    ADD CONSTRAINT vip_reservations_pkey PRIMARY KEY (venue_id, id);

ALTER TABLE ONLY public.vip_reservations
    ADD CONSTRAINT vip_reservations_venue_id_id_event_id_key UNIQUE (venue_id, id, event_id);

ALTER TABLE ONLY public.vip_tables
    ADD CONSTRAINT vip_tables_pkey PRIMARY KEY (venue_id, id);

ALTER TABLE ONLY public.vip_tables
    ADD CONSTRAINT vip_tables_venue_id_event_id_number_key UNIQUE (venue_id, event_id, number);

ALTER TABLE ONLY public.vip_tables
    ADD CONSTRAINT vip_tables_venue_id_id_event_id_key UNIQUE (venue_id, id, event_id);

CREATE INDEX attention_items_event_idx ON public.attention_items USING btree (venue_id, event_id, ((resolved_at IS NULL)), opened_at DESC, id DESC);

CREATE INDEX attention_items_open_idx ON public.attention_items USING btree (venue_id, kind, COALESCE(subject_id, scanner_id), last_scan_at DESC) WHERE (resolved_at IS NULL);

CREATE INDEX cash_counts_event_idx ON public.cash_counts USING btree (venue_id, event_id);

CREATE INDEX code_revocations_event_idx ON public.code_revocations USING btree (venue_id, event_id);

CREATE INDEX devices_venue_idx ON public.devices USING btree (venue_id, created_at);

CREATE INDEX event_keys_event_idx ON public.event_keys USING btree (venue_id, event_id, created_at);

CREATE INDEX events_venue_starts_idx ON public.events USING btree (venue_id, starts_at DESC, id DESC);

CREATE INDEX guest_lists_event_idx ON public.guest_lists USING btree (venue_id, event_id, created_at, id);

CREATE INDEX guest_passes_code_suffix_idx ON public.guest_passes USING btree (venue_id, "right"(code, 6));

CREATE INDEX guest_passes_door_data_idx ON public.guest_passes USING btree (venue_id, event_id, door_changed_at);

CREATE INDEX guest_passes_holder_trgm_idx ON public.guest_passes USING gin (public.fold_text(holder_name) public.gin_trgm_ops);

CREATE INDEX guests_code_suffix_idx ON public.guests USING btree (venue_id, "right"(code, 6));

CREATE INDEX guests_door_data_idx ON public.guests USING btree (venue_id, event_id, door_changed_at);

CREATE INDEX guests_event_idx ON public.guests USING btree (venue_id, event_id);

CREATE INDEX guests_list_idx ON public.guests USING btree (venue_id, list_id, created_at, id);

CREATE INDEX guests_name_trgm_idx ON public.guests USING gin (public.fold_text(name) public.gin_trgm_ops);

CREATE INDEX ledger_entries_event_idx ON public.ledger_entries USING btree (venue_id, event_id, at, id);

CREATE UNIQUE INDEX ledger_entries_one_kept_deposit_idx ON public.ledger_entries USING btree (venue_id, reservation_id) WHERE (kind = 'deposit'::public.ledger_kind);

CREATE INDEX ledger_entries_order_idx ON public.ledger_entries USING btree (venue_id, order_id) WHERE (order_id IS NOT NULL);

CREATE UNIQUE INDEX ledger_entries_pos_ref_idx ON public.ledger_entries USING btree (venue_id, reservation_id, pos_ref) WHERE (pos_ref IS NOT NULL);

CREATE INDEX ledger_entries_reservation_idx ON public.ledger_entries USING btree (venue_id, reservation_id) WHERE (reservation_id IS NOT NULL);

CREATE INDEX login_attempts_window_idx ON public.login_attempts USING btree (window_start);

CREATE INDEX orders_buyer_trgm_idx ON public.orders USING gin (public.fold_text(buyer_name) public.gin_trgm_ops);

CREATE INDEX orders_event_idx ON public.orders USING btree (venue_id, event_id, created_at);

CREATE INDEX orders_pending_expiry_idx ON public.orders USING btree (expires_at) WHERE (status = 'pending'::public.order_status);

CREATE INDEX orders_promoter_idx ON public.orders USING btree (venue_id, event_id, promoter_id) WHERE (promoter_id IS NOT NULL);

CREATE INDEX orders_unmailed_idx ON public.orders USING btree (venue_id, id) WHERE ((status = 'paid'::public.order_status) AND (tickets_mailed_at IS NULL));

CREATE INDEX payment_events_received_idx ON public.payment_events USING btree (received_at);

CREATE INDEX payments_open_idx ON public.payments USING btree (venue_id, order_id) WHERE (status = 'open'::public.payment_status);

CREATE INDEX payments_order_idx ON public.payments USING btree (venue_id, order_id) WHERE (order_id IS NOT NULL);

CREATE INDEX payments_reservation_idx ON public.payments USING btree (venue_id, reservation_id) WHERE (reservation_id IS NOT NULL);

CREATE INDEX reservation_resets_txid_idx ON public.reservation_resets USING btree (venue_id, reservation_id, txid);

CREATE INDEX scan_log_archive_event_time_idx ON public.scan_log_archive USING btree (venue_id, event_id, recorded_at);

CREATE INDEX scan_log_device_time_idx ON public.scan_log USING btree (venue_id, device_id, recorded_at DESC, id DESC) WHERE (device_id IS NOT NULL);

CREATE INDEX scan_log_event_effects_idx ON public.scan_log USING btree (venue_id, event_id, recorded_at) INCLUDE (id, inside_delta) WHERE (reset_id IS NULL);

CREATE INDEX scan_log_event_time_idx ON public.scan_log USING btree (venue_id, event_id, recorded_at DESC, id DESC);

CREATE INDEX scan_log_reservation_idx ON public.scan_log USING btree (venue_id, reservation_id) WHERE (reservation_id IS NOT NULL);

CREATE INDEX scan_log_scanner_failures_idx ON public.scan_log USING btree (venue_id, scanner_id, recorded_at DESC) WHERE (reason = ANY (ARRAY['unknown_code'::public.scan_reason, 'invalid_signature'::public.scan_reason]));

CREATE UNIQUE INDEX scan_log_scanner_nonce_key ON public.scan_log USING btree (venue_id, scanner_id, nonce);

CREATE INDEX scan_log_subject_idx ON public.scan_log USING btree (venue_id, subject_id, recorded_at DESC) WHERE (subject_id IS NOT NULL);

CREATE INDEX scan_log_venue_time_idx ON public.scan_log USING btree (venue_id, recorded_at DESC, id DESC);

CREATE UNIQUE INDEX staff_email_key ON public.staff USING btree (email);

CREATE INDEX staff_sessions_staff_idx ON public.staff_sessions USING btree (staff_id);

CREATE INDEX staff_venue_idx ON public.staff USING btree (venue_id, created_at);

CREATE INDEX tickets_code_suffix_idx ON public.tickets USING btree (venue_id, "right"(code, 6));

CREATE INDEX tickets_door_data_idx ON public.tickets USING btree (venue_id, event_id, door_changed_at);

CREATE INDEX tickets_holder_trgm_idx ON public.tickets USING gin (public.fold_text(holder_name) public.gin_trgm_ops);

CREATE INDEX tickets_order_idx ON public.tickets USING btree (venue_id, order_id);

CREATE INDEX tickets_reservation_idx ON public.tickets USING btree (venue_id, reservation_id) WHERE (reservation_id IS NOT NULL);

CREATE INDEX vip_reservations_event_idx ON public.vip_reservations USING btree (venue_id, event_id, created_at, id);

CREATE INDEX vip_reservations_hold_idx ON public.vip_reservations USING btree (venue_id, hold_expires_at) WHERE ((status = 'pending'::public.reservation_status) AND (hold_expires_at IS NOT NULL));

CREATE INDEX vip_reservations_host_trgm_idx ON public.vip_reservations USING gin (public.fold_text(host_name) public.gin_trgm_ops);

CREATE UNIQUE INDEX vip_reservations_one_live_per_table ON public.vip_reservations USING btree (venue_id, event_id, table_id) WHERE (status = ANY (ARRAY['pending'::public.reservation_status, 'confirmed'::public.reservation_status, 'checked_in'::public.reservation_status]));

CREATE INDEX vip_reservations_promoter_idx ON public.vip_reservations USING btree (venue_id, event_id, promoter_id) WHERE (promoter_id IS NOT NULL);

CREATE INDEX vip_reservations_unmailed_idx ON public.vip_reservations USING btree (venue_id, id) WHERE ((status = ANY (ARRAY['confirmed'::public.reservation_status, 'checked_in'::public.reservation_status])) AND (hold_expires_at IS NOT NULL) AND (passes_mailed_at IS NULL));

CREATE OR REPLACE VIEW public.order_balances AS
 SELECT o.venue_id,
    o.id AS order_id,
    o.event_id,
    (COALESCE(sum(e.amount_cents) FILTER (WHERE (e.kind = 'charge'::public.ledger_kind)), (0)::numeric))::bigint AS paid_cents,
    ((- COALESCE(sum(e.amount_cents) FILTER (WHERE (e.kind = ANY (ARRAY['refund'::public.ledger_kind, 'refund_failed'::public.ledger_kind]))), (0)::numeric)))::bigint AS refunded_cents,
    ((- COALESCE(sum(e.amount_cents) FILTER (WHERE (e.kind = ANY (ARRAY['dispute'::public.ledger_kind, 'dispute_reversal'::public.ledger_kind]))), (0)::numeric)))::bigint AS disputed_cents,
    ((- COALESCE(sum(e.amount_cents) FILTER (WHERE (e.kind = 'fee'::public.ledger_kind)), (0)::numeric)))::bigint AS fee_cents,
    (
        CASE
            WHEN (o.status = 'pending'::public.order_status) THEN GREATEST(((o.total_cents)::numeric - COALESCE(sum(e.amount_cents) FILTER (WHERE (e.kind = 'charge'::public.ledger_kind)), (0)::numeric)), (0)::numeric)
            ELSE (0)::numeric
        END)::bigint AS balance_due_cents
   FROM (public.orders o
     LEFT JOIN public.ledger_entries e ON (((e.venue_id = o.venue_id) AND (e.order_id = o.id))))
  GROUP BY o.venue_id, o.id;

CREATE TRIGGER guest_lists_door_change BEFORE UPDATE OF name, admit_until ON public.guest_lists FOR EACH ROW WHEN (((old.name IS DISTINCT FROM new.name) OR (old.admit_until IS DISTINCT FROM new.admit_until))) EXECUTE FUNCTION public.stamp_door_change();

CREATE TRIGGER guest_passes_door_change BEFORE UPDATE OF status, code_serial, code, holder_name ON public.guest_passes FOR EACH ROW WHEN (((((old.status IS DISTINCT FROM new.status) OR (old.code_serial IS DISTINCT FROM new.code_serial)) OR (old.code IS DISTINCT FROM new.code)) OR (old.holder_name IS DISTINCT FROM new.holder_name))) EXECUTE FUNCTION public.stamp_door_change();

CREATE TRIGGER guests_door_change BEFORE UPDATE OF status, code_serial, code, name, plus_ones ON public.guests FOR EACH ROW WHEN ((((((old.status IS DISTINCT FROM new.status) OR (old.code_serial IS DISTINCT FROM new.code_serial)) OR (old.code IS DISTINCT FROM new.code)) OR (old.name IS DISTINCT FROM new.name)) OR (old.plus_ones IS DISTINCT FROM new.plus_ones))) EXECUTE FUNCTION public.stamp_door_change();

CREATE TRIGGER ledger_entries_append_only BEFORE DELETE OR UPDATE ON public.ledger_entries FOR EACH ROW EXECUTE FUNCTION public.refuse_ledger_change();

CREATE TRIGGER orders_door_change BEFORE UPDATE OF status, buyer_name ON public.orders FOR EACH ROW WHEN (((old.status IS DISTINCT FROM new.status) OR (old.buyer_name IS DISTINCT FROM new.buyer_name))) EXECUTE FUNCTION public.stamp_door_change();

CREATE TRIGGER orders_status_machine BEFORE UPDATE OF status ON public.orders FOR EACH ROW EXECUTE FUNCTION public.enforce_order_transition();

CREATE TRIGGER ticket_types_door_change BEFORE UPDATE OF name, reentry, valid_from, valid_until ON public.ticket_types FOR EACH ROW WHEN (((((old.name IS DISTINCT FROM new.name) OR (old.reentry IS DISTINCT FROM new.reentry)) OR (old.valid_from IS DISTINCT FROM new.valid_from)) OR (old.valid_until IS DISTINCT FROM new.valid_until))) EXECUTE FUNCTION public.stamp_door_change();

CREATE TRIGGER tickets_door_change BEFORE UPDATE OF status, code_serial, code, holder_name, reservation_id ON public.tickets FOR EACH ROW WHEN ((((((old.status IS DISTINCT FROM new.status) OR (old.code_serial IS DISTINCT FROM new.code_serial)) OR (old.code IS DISTINCT FROM new.code)) OR (old.holder_name IS DISTINCT FROM new.holder_name)) OR (old.reservation_id IS DISTINCT FROM new.reservation_id))) EXECUTE FUNCTION public.stamp_door_change();

CREATE TRIGGER vip_reservations_door_change BEFORE UPDATE OF status, host_name, guest_count, table_id ON public.vip_reservations FOR EACH ROW WHEN (((((old.status IS DISTINCT FROM new.status) OR (old.host_name IS DISTINCT FROM new.host_name)) OR (old.guest_count IS DISTINCT FROM new.guest_count)) OR (old.table_id IS DISTINCT FROM new.table_id))) EXECUTE FUNCTION public.stamp_door_change();

CREATE TRIGGER vip_reservations_status_machine BEFORE UPDATE OF status ON public.vip_reservations FOR EACH ROW EXECUTE FUNCTION public.enforce_reservation_transition();

ALTER TABLE ONLY public.cash_counts
    ADD CONSTRAINT cash_counts_venue_id_event_id_fkey FOREIGN KEY (venue_id, event_id) REFERENCES public.events(venue_id, id);

ALTER TABLE ONLY public.code_revocations
    ADD CONSTRAINT code_revocations_venue_id_event_id_fkey FOREIGN KEY (venue_id, event_id) REFERENCES public.events(venue_id, id);

ALTER TABLE ONLY public.devices
    ADD CONSTRAINT devices_venue_id_fkey FOREIGN KEY (venue_id) REFERENCES public.venues(id);

ALTER TABLE ONLY public.event_keys
    ADD CONSTRAINT event_keys_venue_id_event_id_fkey FOREIGN KEY (venue_id, event_id) REFERENCES public.events(venue_id, id);

ALTER TABLE ONLY public.events
    ADD CONSTRAINT events_venue_id_fkey FOREIGN KEY (venue_id) REFERENCES public.venues(id);

ALTER TABLE ONLY public.gate_places
    ADD CONSTRAINT gate_places_venue_id_event_id_fkey FOREIGN KEY (venue_id, event_id) REFERENCES public.events(venue_id, id) ON DELETE CASCADE;

ALTER TABLE ONLY public.guest_lists
    ADD CONSTRAINT guest_lists_venue_id_event_id_fkey FOREIGN KEY (venue_id, event_id) REFERENCES public.events(venue_id, id);

ALTER TABLE ONLY public.guest_passes
    ADD CONSTRAINT guest_passes_venue_id_reservation_id_event_id_fkey FOREIGN KEY (venue_id, reservation_id, event_id) REFERENCES public.vip_reservations(venue_id, id, event_id);

ALTER TABLE ONLY public.guests
    ADD CONSTRAINT guests_venue_id_list_id_event_id_fkey FOREIGN KEY (venue_id, list_id, event_id) REFERENCES public.guest_lists(venue_id, id, event_id);

ALTER TABLE ONLY public.ledger_entries
    ADD CONSTRAINT ledger_entries_venue_id_event_id_fkey FOREIGN KEY (venue_id, event_id) REFERENCES public.events(venue_id, id);

ALTER TABLE ONLY public.ledger_entries
    ADD CONSTRAINT ledger_entries_venue_id_order_id_event_id_fkey FOREIGN KEY (venue_id, order_id, event_id) REFERENCES public.orders(venue_id, id, event_id);

ALTER TABLE ONLY public.ledger_entries
    ADD CONSTRAINT ledger_entries_venue_id_payment_id_fkey FOREIGN KEY (venue_id, payment_id) REFERENCES public.payments(venue_id, id);

ALTER TABLE ONLY public.ledger_entries
    ADD CONSTRAINT ledger_entries_venue_id_reservation_id_event_id_fkey FOREIGN KEY (venue_id, reservation_id, event_id) REFERENCES public.vip_reservations(venue_id, id, event_id);

ALTER TABLE ONLY public.night_closes
    ADD CONSTRAINT night_closes_venue_id_event_id_fkey FOREIGN KEY (venue_id, event_id) REFERENCES public.events(venue_id, id);

ALTER TABLE ONLY public.order_lines
    ADD CONSTRAINT order_lines_venue_id_order_id_fkey FOREIGN KEY (venue_id, order_id) REFERENCES public.orders(venue_id, id);

ALTER TABLE ONLY public.order_lines
    ADD CONSTRAINT order_lines_venue_id_ticket_type_id_fkey FOREIGN KEY (venue_id, ticket_type_id) REFERENCES public.ticket_types(venue_id, id);

ALTER TABLE ONLY public.orders
    ADD CONSTRAINT orders_venue_id_event_id_fkey FOREIGN KEY (venue_id, event_id) REFERENCES public.events(venue_id, id);

ALTER TABLE ONLY public.payments
    ADD CONSTRAINT payments_venue_id_order_id_event_id_fkey FOREIGN KEY (venue_id, order_id, event_id) REFERENCES public.orders(venue_id, id, event_id);

ALTER TABLE ONLY public.payments
    ADD CONSTRAINT payments_venue_id_reservation_id_event_id_fkey FOREIGN KEY (venue_id, reservation_id, event_id) REFERENCES public.vip_reservations(venue_id, id, event_id);

ALTER TABLE ONLY public.promoter_caps
    ADD CONSTRAINT promoter_caps_venue_id_event_id_fkey FOREIGN KEY (venue_id, event_id) REFERENCES public.events(venue_id, id);

ALTER TABLE ONLY public.refunds
    ADD CONSTRAINT refunds_venue_id_order_id_event_id_fkey FOREIGN KEY (venue_id, order_id, event_id) REFERENCES public.orders(venue_id, id, event_id);

ALTER TABLE ONLY public.refunds
    ADD CONSTRAINT refunds_venue_id_reservation_id_event_id_fkey FOREIGN KEY (venue_id, reservation_id, event_id) REFERENCES public.vip_reservations(venue_id, id, event_id);

ALTER TABLE ONLY public.reservation_resets
    ADD CONSTRAINT reservation_resets_venue_id_reservation_id_event_id_fkey FOREIGN KEY (venue_id, reservation_id, event_id) REFERENCES public.vip_reservations(venue_id, id, event_id);

ALTER TABLE ONLY public.revenue_discrepancies
    ADD CONSTRAINT revenue_discrepancies_venue_id_event_id_fkey FOREIGN KEY (venue_id, event_id) REFERENCES public.events(venue_id, id);

ALTER TABLE ONLY public.staff_sessions
    ADD CONSTRAINT staff_sessions_staff_id_fkey FOREIGN KEY (staff_id) REFERENCES public.staff(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.staff
    ADD CONSTRAINT staff_venue_id_fkey FOREIGN KEY (venue_id) REFERENCES public.venues(id);

ALTER TABLE ONLY public.ticket_types
    ADD CONSTRAINT ticket_types_venue_id_event_id_fkey FOREIGN KEY (venue_id, event_id) REFERENCES public.events(venue_id, id);

ALTER TABLE ONLY public.tickets
    ADD CONSTRAINT tickets_venue_id_order_id_event_id_fkey FOREIGN KEY (venue_id, order_id, event_id) REFERENCES public.orders(venue_id, id, event_id);

ALTER TABLE ONLY public.tickets
    ADD CONSTRAINT tickets_venue_id_reservation_id_event_id_fkey FOREIGN KEY (venue_id, reservation_id, event_id) REFERENCES public.vip_reservations(venue_id, id, event_id);

ALTER TABLE ONLY public.tickets
    ADD CONSTRAINT tickets_venue_id_ticket_type_id_event_id_fkey FOREIGN KEY (venue_id, ticket_type_id, event_id) REFERENCES public.ticket_types(venue_id, id, event_id);

ALTER TABLE ONLY public.venue_gates
    ADD CONSTRAINT venue_gates_venue_id_fkey FOREIGN KEY (venue_id) REFERENCES public.venues(id);

ALTER TABLE ONLY public.vip_reservations
    ADD CONSTRAINT vip_reservations_venue_id_table_id_event_id_fkey FOREIGN KEY (venue_id, table_id, event_id) REFERENCES public.vip_tables(venue_id, id, event_id);

ALTER TABLE ONLY public.vip_tables
    ADD CONSTRAINT vip_tables_venue_id_event_id_fkey FOREIGN KEY (venue_id, event_id) REFERENCES public.events(venue_id, id);
