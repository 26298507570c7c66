-- Door data (GET /v1/events/{id}/door-data, src/db/door-data.ts): a scanner
-- fetches its event whole, then every few seconds what changed since its
-- cursor. door_changed_at is when a row last changed in a way a door
-- decision or a holder's card reads; triggers stamp it
-- (db/functions/stamp_door_change.sql). A scan's own movements (inside,
-- a party's entries) do not stamp it: the delta finds those through the
-- scan log, so a re-entry or an exit calls no trigger.
alter table tickets          add column door_changed_at timestamptz not null default now();
alter table guest_passes     add column door_changed_at timestamptz not null default now();
alter table guests           add column door_changed_at timestamptz not null default now();
alter table ticket_types     add column door_changed_at timestamptz not null default now();
alter table guest_lists      add column door_changed_at timestamptz not null default now();
alter table orders           add column door_changed_at timestamptz not null default now();
alter table vip_reservations add column door_changed_at timestamptz not null default now();

-- The event's subjects, whole (the first download) or changed since a cursor.
create index tickets_door_data_idx      on tickets (venue_id, event_id, door_changed_at);
create index guest_passes_door_data_idx on guest_passes (venue_id, event_id, door_changed_at);
create index guests_door_data_idx       on guests (venue_id, event_id, door_changed_at);
