-- Stamps door_changed_at when what door data (src/db/door-data.ts) reads of
-- a reservation's passes changes: status, host, size and table.
create or replace trigger vip_reservations_door_change
  before update of status, host_name, guest_count, table_id on vip_reservations
  for each row when ((old.status, old.host_name, old.guest_count, old.table_id) is distinct from (new.status, new.host_name, new.guest_count, new.table_id))
  execute function stamp_door_change();
