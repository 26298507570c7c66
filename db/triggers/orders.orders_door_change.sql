-- Stamps door_changed_at when what door data (src/db/door-data.ts) reads of
-- a order's tickets changes: status and buyer name.
create or replace trigger orders_door_change
  before update of status, buyer_name on orders
  for each row when ((old.status, old.buyer_name) is distinct from (new.status, new.buyer_name))
  execute function stamp_door_change();
