-- Stamps door_changed_at when what door data (src/db/door-data.ts) reads of
-- a guest changes: status, code, name and party size; entries and inside move with scans (found through the scan log).
create or replace trigger guests_door_change
  before update of status, code_serial, code, name, plus_ones on guests
  for each row when ((old.status, old.code_serial, old.code, old.name, old.plus_ones) is distinct from (new.status, new.code_serial, new.code, new.name, new.plus_ones))
  execute function stamp_door_change();
