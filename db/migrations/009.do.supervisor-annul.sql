-- Undo from the dashboard (issue 17): an owner or manager may annul any
-- scanner's admission of their venue; a scanner only its own. The access
-- table (src/http/access.ts) decides which authority a caller has.
create type annul_authority as enum ('own_scans', 'any_scan');

-- annul_scan takes who annuls and with which authority now (a database
-- migrated from scratch never had the old form: db/functions comes after).
drop function if exists annul_scan(uuid, uuid, uuid, interval);

comment on column scan_annulments.scanner_id is
  'Who annulled: the scanner that made the scan, or the owner or manager who undid it';
