-- Stamps door_changed_at when what door data (src/db/door-data.ts) reads of
-- a pass changes: status, code and holder; a scan's first entry changes the status, re-entries and exits do not.
create or replace trigger guest_passes_door_change
  before update of status, code_serial, code, holder_name on guest_passes
  for each row when ((old.status, old.code_serial, old.code, old.holder_name) is distinct from (new.status, new.code_serial, new.code, new.holder_name))
  execute function stamp_door_change();
