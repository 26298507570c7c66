-- Trigger function of vip_reservations_status_machine: refuses a status move
-- the machine forbids with SQLSTATE MP409 (the API answers 409).
--
-- Two audited writers may move a reservation backwards, each only within its
-- own transaction (the original disabled the trigger with ALTER TABLE, for
-- everyone): a reset (a reservation_resets row of this transaction) and an
-- annulment of the reservation's only arrival (a scan_annulments row of this
-- transaction). Both may only undo what scans did: checked_in → confirmed.
create or replace function enforce_reservation_transition() returns trigger
language plpgsql as $$
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
