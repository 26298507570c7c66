-- Stamps door_changed_at when what door data (src/db/door-data.ts) reads of
-- a ticket type's tickets changes: name, re-entry policy and validity.
create or replace trigger ticket_types_door_change
  before update of name, reentry, valid_from, valid_until on ticket_types
  for each row when ((old.name, old.reentry, old.valid_from, old.valid_until) is distinct from (new.name, new.reentry, new.valid_from, new.valid_until))
  execute function stamp_door_change();
