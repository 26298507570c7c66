-- Stamps door_changed_at when what door data (src/db/door-data.ts) reads of
-- a list's guests changes: name and admitUntil.
create or replace trigger guest_lists_door_change
  before update of name, admit_until on guest_lists
  for each row when ((old.name, old.admit_until) is distinct from (new.name, new.admit_until))
  execute function stamp_door_change();
