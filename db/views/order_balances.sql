-- An order's money, derived from the ledger and never stored apart:
-- paid_cents is what its charges brought in, refunded_cents what went back
-- (refunds less the ones that failed), disputed_cents what disputes hold
-- (less those won). balance_due_cents is what the buyer still owes on a
-- pending order; a paid one was settled (by the provider or at the box
-- office, whose money is the venue's own), a cancelled or refunded one owes nothing.
create view order_balances as
select o.venue_id, o.id as order_id, o.event_id,
       coalesce(sum(e.amount_cents) filter (where e.kind = 'charge'), 0)::bigint as paid_cents,
       (-coalesce(sum(e.amount_cents) filter (where e.kind in ('refund', 'refund_failed')), 0))::bigint as refunded_cents,
       (-coalesce(sum(e.amount_cents) filter (where e.kind in ('dispute', 'dispute_reversal')), 0))::bigint as disputed_cents,
       (-coalesce(sum(e.amount_cents) filter (where e.kind = 'fee'), 0))::bigint as fee_cents,
       case when o.status = 'pending'
            then greatest(o.total_cents - coalesce(sum(e.amount_cents) filter (where e.kind = 'charge'), 0), 0)
            else 0 end::bigint as balance_due_cents
  from orders o
  left join ledger_entries e on e.venue_id = o.venue_id and e.order_id = o.id
 group by o.venue_id, o.id;
