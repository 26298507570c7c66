-- Trigger function of the *_door_change triggers: the row changed in a way
-- door data carries, so the next delta sends it (db/migrations/013.do.door-data.sql).
create or replace function stamp_door_change() returns trigger
language plpgsql as $$
begin
  new.door_changed_at := now();
  return new;
end
$$;
