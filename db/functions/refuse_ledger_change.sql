-- Trigger function of ledger_entries_append_only: the ledger is written
-- once and never changed; a correction is a new entry (a refund, a
-- reversal), so the night's money can always be re-added from its rows.
create or replace function refuse_ledger_change() returns trigger
language plpgsql as $$
begin
  raise exception using errcode = 'MP409', message = 'ledger_append_only',
    detail = json_build_object('operation', tg_op)::text;
end
$$;
