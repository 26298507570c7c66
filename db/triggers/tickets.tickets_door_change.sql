-- Stamps door_changed_at when what door data (src/db/door-data.ts) reads of
-- a ticket changes: status, code and holder; a scan's first entry changes the status, re-entries and exits do not.
create or replace trigger tickets_door_change
  before update of status, code_serial, code, holder_name, reservation_id on tickets
  for each row when ((old.status, old.code_serial, old.code, old.holder_name, old.reservation_id) is distinct from (new.status, new.code_serial, new.code, new.holder_name, new.reservation_id))
  execute function stamp_door_change();
