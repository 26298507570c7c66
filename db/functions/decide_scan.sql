-- decide_scan: the door's decision, as a pure function of what the code
-- says and what the subject looked like under its lock. The first rule
-- that matches is the answer; docs/scan-decision.md tells it step by step,
-- and the scanner app's offline decision (web/src/scanner/offline) follows
-- the same order, checked against this function by one table of cases
-- (test/decision/decision-table.ts).
--
-- Returns the reason (null for a plain admission), the entry type (null
-- for a denial) and what the scan does to the people inside (-1, 0, +1).
-- Capacity is not decided here: it needs a lock (redeem_scan, step 4).
create or replace function decide_scan(
  s           scan_subject,
  c           scanned_code,
  bound_event uuid,
  direction   scan_direction,
  at          timestamptz
) returns scan_verdict
language sql immutable parallel safe as $$
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
