-- The ledger is append-only (db/functions/refuse_ledger_change.sql).
create or replace trigger ledger_entries_append_only
  before update or delete on ledger_entries
  for each row execute function refuse_ledger_change();
