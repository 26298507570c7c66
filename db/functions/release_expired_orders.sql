-- release_expired_orders: cancels every pending order whose hold ended
-- (expires_at passed), in every venue, and gives its tickets back to the
-- inventory. Locks, in this order: the expired orders (skipping any another
-- transaction holds: it is paying or cancelling it, and the next run sees
-- what is left), then every ticket type they hold, in id order, as
-- place_order() and set_order_status() take them, so a sale and a release
-- queue instead of deadlocking. Returns how many orders it cancelled.
create or replace function release_expired_orders() returns integer
language plpgsql as $$
declare
  v_orders uuid[];
begin
  select coalesce(array_agg(id order by id), '{}') into v_orders
    from (select id from orders
           where status = 'pending' and expires_at <= now()
           order by venue_id, id for update skip locked) expired;
  if cardinality(v_orders) = 0 then
    return 0;
  end if;
  perform 1 from ticket_types
   where (venue_id, id) in (select venue_id, ticket_type_id from order_lines where order_id = any (v_orders))
   order by id for update;
  update ticket_types t set sold = t.sold - l.quantity
    from (select venue_id, ticket_type_id, sum(quantity)::int as quantity
            from order_lines where order_id = any (v_orders) group by 1, 2) l
   where t.venue_id = l.venue_id and t.id = l.ticket_type_id;
  update tickets set status = 'cancelled' where order_id = any (v_orders) and status <> 'revoked';
  update orders set status = 'cancelled' where id = any (v_orders);
  return cardinality(v_orders);
end
$$;
