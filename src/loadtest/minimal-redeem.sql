-- The physical-limit baseline of `npm run bench` (DESIGN.md "Baseline
-- measured on this machine"): the least a scan must do, installed only into
-- the bench's scratch database. Lock the pass, update it, bump a counter on
-- its reservation, insert a log row; no decision, no answer.
create table minimal_scan_log (
  id         uuid primary key default gen_random_uuid(),
  pass_id    uuid not null,
  scanner_id uuid not null,
  nonce      text not null,
  at         timestamptz not null default now()
);

create function minimal_redeem(p_venue_id uuid, p_code text, p_scanner_id uuid, p_nonce text) returns uuid
language plpgsql as $$
declare
  v_pass guest_passes%rowtype;
begin
  -- The pass's row lock: as redeem_scan's lock 2, scans of one pass serialise.
  select * into v_pass from guest_passes where venue_id = p_venue_id and code = p_code for update;
  update guest_passes set inside = true where venue_id = p_venue_id and id = v_pass.id;
  update vip_reservations set checked_in_guests = checked_in_guests + 1
   where venue_id = p_venue_id and id = v_pass.reservation_id;
  insert into minimal_scan_log (pass_id, scanner_id, nonce) values (v_pass.id, p_scanner_id, p_nonce);
  return v_pass.id;
end
$$;
