-- A hard cap without a global lock (issue 15; the escrow method, O'Neil
-- 1986): an event's free places are split over its gates, each gate's share
-- on a row of its own, so an entry at a gate locks only that gate's row. A
-- gate whose share ran out re-splits what is left over all the rows
-- (db/functions/split_gate_places.sql). The count stays exact: the places
-- of an event's rows plus the people inside (scan_counters) make its
-- capacity, always; an event without a capacity has no rows.
create table gate_places (
  venue_id  uuid not null,
  event_id  uuid not null,
  gate      text not null,
  places    integer not null default 0,   -- negative only on an overdrawn event's first gate
  -- More people are inside than the capacity (an offline admission that
  -- stands, a capacity lowered below who is inside): set on every row of
  -- the event at once, so an exit at any gate knows to re-split instead of
  -- keeping the place at its own gate.
  overdrawn boolean not null default false,
  primary key (venue_id, event_id, gate),
  foreign key (venue_id, event_id) references events (venue_id, id) on delete cascade
);

-- The advisory lock on the event it took is gone (move_gate_place replaces it).
drop function if exists event_is_full(uuid, uuid);
