-- Where `maguey archive` moves the scans of nights long over
-- (src/db/archive.ts): the same columns and checks as the live tables, so a
-- row moves with `insert … select *`, and only the keys an audit reads by.
-- The live tables keep tonight's work small; nothing here is served by the API.
create table scan_log_archive (like scan_log including defaults including constraints);
alter table scan_log_archive add primary key (venue_id, id);
create index scan_log_archive_event_time_idx on scan_log_archive (venue_id, event_id, recorded_at);

create table scan_annulments_archive (like scan_annulments including defaults including constraints);
alter table scan_annulments_archive add primary key (venue_id, scan_id);
