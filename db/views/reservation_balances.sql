-- A booking's money, derived from the ledger (as order_balances.sql for
-- orders): paid_cents what its deposit charges brought in, refunded_cents
-- what went back, deposit_held_cents the deposit the venue has (paid less
-- refunded and disputed), spent_cents what the point of sale sent. The
-- deposit counts toward the table's minimum: min_spend_remaining_cents is
-- the minimum less the deposit held and the spend. balance_due_cents is what
-- the table still owes: the larger of its deposit and its minimum, less what
-- it paid and spent; a cancelled or no-show booking owes nothing.
create or replace view reservation_balances as
select r.venue_id, r.id as reservation_id, r.event_id, r.deposit_cents, t.min_spend_cents,
       m.paid_cents, m.refunded_cents, m.deposit_held_cents, m.spent_cents, m.kept_cents,
       greatest(t.min_spend_cents - m.deposit_held_cents - m.spent_cents, 0)::bigint as min_spend_remaining_cents,
       case when r.status in ('cancelled', 'no_show') then 0
            else greatest(greatest(r.deposit_cents, t.min_spend_cents) - m.deposit_held_cents - m.spent_cents, 0)
       end::bigint as balance_due_cents
  from vip_reservations r
  join vip_tables t on t.venue_id = r.venue_id and t.id = r.table_id
  cross join lateral (
    select coalesce(sum(e.amount_cents) filter (where e.kind = 'charge'), 0)::bigint as paid_cents,
           (-coalesce(sum(e.amount_cents) filter (where e.kind in ('refund', 'refund_failed')), 0))::bigint as refunded_cents,
           coalesce(sum(e.amount_cents) filter (where e.kind in ('charge', 'refund', 'refund_failed', 'dispute', 'dispute_reversal')), 0)::bigint
             as deposit_held_cents,
           coalesce(sum(e.amount_cents) filter (where e.kind = 'spend'), 0)::bigint as spent_cents,
           coalesce(sum(e.amount_cents) filter (where e.kind = 'deposit'), 0)::bigint as kept_cents
      from ledger_entries e
     where e.venue_id = r.venue_id and e.reservation_id = r.id) m;
