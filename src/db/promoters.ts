import type { CommissionRule } from '../domain/lists.js';
import type { Sql } from './connect.js';
import type { EventRef } from './keys.js';

/** How an event pays its promoters (db/migrations/011.do.guest-lists.sql). */
export interface Commission { rule: CommissionRule; basisPoints: number; perHeadCents: number }

export async function setCommission(sql: Sql, { venueId, eventId }: EventRef, c: Commission): Promise<Commission | undefined> {
  const [row] = await sql<Commission[]>`
    update events set commission_rule = ${c.rule}::commission_rule, commission_basis_points = ${c.basisPoints},
                      commission_per_head_cents = ${c.perHeadCents}
     where venue_id = ${venueId} and id = ${eventId}
    returning commission_rule as rule, commission_basis_points as "basisPoints", commission_per_head_cents::int as "perHeadCents"`;
  return row;
}

export interface PromoterRow {
  promoterId: string; name: string;
  ticketsSold: number; ticketsPaid: number; ticketsRefunded: number; paidRevenueCents: number;
  tableBookings: number; guests: number; listedPeople: number;
  checkedIn: number; commissionCents: number;
  /** People this promoter may put on the event's lists; null: no cap. */
  guestCap: number | null;
}

/**
 * One row per promoter of the venue (or only `only`'s) for an event: what
 * they sold, booked and listed, the people of theirs who came in, and the
 * commission the event's rule pays on those people.
 *
 * Everything is read from the subjects' current state, so a refund (the
 * order is no longer paid) and an annulled scan (the ticket, pass or guest
 * steps back) take their part of the commission away at once.
 *
 *   checked in   tickets, passes and guests' party members let in (first entries)
 *   revenue_share  floor(Σ price of tickets of paid orders whose holder came in × the share of
 *                  the order's money kept after partial refunds × basis points / 10,000):
 *                  ticket prices without fees, rounded down once per promoter and night
 *   per_head     per-head amount × people let in, less holders of tickets of orders not paid
 *                (refunded or cancelled) and guests of cancelled bookings
 */
export async function promoterReport(sql: Sql, { venueId, eventId }: EventRef, only?: string): Promise<PromoterRow[]> {
  return sql<PromoterRow[]>`
    with rule as (
      select commission_rule, commission_basis_points, commission_per_head_cents
        from events where venue_id = ${venueId} and id = ${eventId}),
    -- Per order: its tickets, who came, and the share of its money kept
    -- after partial refunds (order_balances, from the ledger; a box-office
    -- order has no ledger rows and keeps all: it is refunded whole or not).
    orders_of as (
      select o.promoter_id, o.status,
             count(*)                                                  as tickets,
             count(*) filter (where t.first_entry_scan_id is not null) as came,
             sum(l.unit_price_cents)                                   as price_cents,
             coalesce(sum(l.unit_price_cents) filter (where t.first_entry_scan_id is not null), 0) as came_cents,
             case when b.paid_cents > 0 then greatest(b.paid_cents - b.refunded_cents, 0)::numeric / b.paid_cents else 1 end as kept
        from orders o
        join order_balances b on b.venue_id = o.venue_id and b.order_id = o.id
        join tickets t        on t.venue_id = o.venue_id and t.order_id = o.id
        join order_lines l    on l.venue_id = o.venue_id and l.order_id = o.id and l.ticket_type_id = t.ticket_type_id
       where o.venue_id = ${venueId} and o.event_id = ${eventId} and o.promoter_id is not null
       group by o.promoter_id, o.id, o.status, b.paid_cents, b.refunded_cents),
    sales as (
      select promoter_id,
             coalesce(sum(tickets) filter (where status in ('paid', 'refunded')), 0)         as sold,
             coalesce(sum(tickets) filter (where status = 'paid'), 0)                        as paid,
             coalesce(sum(tickets) filter (where status = 'refunded'), 0)                    as refunded,
             coalesce(sum(price_cents * kept) filter (where status = 'paid'), 0)             as paid_cents,
             coalesce(sum(came), 0)                                                          as came,
             coalesce(sum(came) filter (where status = 'paid'), 0)                           as came_paid,
             coalesce(sum(came_cents * kept) filter (where status = 'paid'), 0)              as came_paid_cents
        from orders_of
       group by promoter_id),
    bookings as (
      select r.promoter_id,
             count(distinct r.id) filter (where r.status <> 'cancelled')                                    as booked,
             count(p.id) filter (where p.first_entry_scan_id is not null)                                   as came,
             count(p.id) filter (where p.first_entry_scan_id is not null and r.status <> 'cancelled')       as came_counted
        from vip_reservations r
        left join guest_passes p on p.venue_id = r.venue_id and p.reservation_id = r.id
       where r.venue_id = ${venueId} and r.event_id = ${eventId} and r.promoter_id is not null
       group by r.promoter_id),
    lists as (
      select gl.promoter_id,
             count(g.id) filter (where g.status <> 'cancelled')                     as guests,
             coalesce(sum(g.plus_ones + 1) filter (where g.status <> 'cancelled'), 0) as listed,
             coalesce(sum(g.entries), 0)                                            as came
        from guest_lists gl
        left join guests g on g.venue_id = gl.venue_id and g.list_id = gl.id
       where gl.venue_id = ${venueId} and gl.event_id = ${eventId} and gl.promoter_id is not null
       group by gl.promoter_id)
    select s.id as "promoterId", s.name,
           coalesce(x.sold, 0)::int as "ticketsSold", coalesce(x.paid, 0)::int as "ticketsPaid",
           coalesce(x.refunded, 0)::int as "ticketsRefunded", floor(coalesce(x.paid_cents, 0))::bigint as "paidRevenueCents",
           coalesce(b.booked, 0)::int as "tableBookings", coalesce(g.guests, 0)::int as guests,
           coalesce(g.listed, 0)::int as "listedPeople",
           (coalesce(x.came, 0) + coalesce(b.came, 0) + coalesce(g.came, 0))::int as "checkedIn",
           (case rule.commission_rule
              -- sum() of bigint is numeric: floor() rounds down as stated, where a cast would round half up
              when 'revenue_share' then floor(coalesce(x.came_paid_cents, 0) * rule.commission_basis_points / 10000)
              when 'per_head' then (coalesce(x.came_paid, 0) + coalesce(b.came_counted, 0) + coalesce(g.came, 0)) * rule.commission_per_head_cents
              else 0 end)::bigint as "commissionCents",
           c.guest_cap as "guestCap"
      from staff s
      cross join rule
      left join sales x    on x.promoter_id = s.id
      left join bookings b on b.promoter_id = s.id
      left join lists g    on g.promoter_id = s.id
      left join promoter_caps c on c.venue_id = s.venue_id and c.event_id = ${eventId} and c.promoter_id = s.id
     where s.venue_id = ${venueId} and s.role = 'promoter'
       ${only ? sql`and s.id = ${only}` : sql``}
     order by s.name, s.id`;
}
