-- set_order_status: pay, cancel or refund an order; tickets follow. A
-- cancelled or refunded order gives its inventory back and cancels its
-- tickets. Locks, in this order: the order row, then its ticket types in id
-- order (place_order's order: an UPDATE … FROM takes them in whatever order
-- the join yields, which deadlocked against concurrent buyers).
create or replace function set_order_status(p_venue_id uuid, p_order_id uuid, p_status order_status) returns void
language plpgsql as $$
declare
  v_order orders%rowtype;
begin
  select * into v_order from orders where venue_id = p_venue_id and id = p_order_id for update;
  if not found then
    raise exception using errcode = 'MP404', message = 'order_not_found';
  end if;
  if v_order.status = p_status then
    return;
  end if;
  update orders set status = p_status where venue_id = p_venue_id and id = p_order_id; -- the trigger refuses illegal moves
  if p_status in ('cancelled', 'refunded') then
    perform 1 from ticket_types
     where venue_id = p_venue_id
       and id in (select ticket_type_id from order_lines where venue_id = p_venue_id and order_id = p_order_id)
     order by id for update;
    update ticket_types t set sold = t.sold - l.quantity
      from order_lines l
     where l.venue_id = p_venue_id and l.order_id = p_order_id
       and t.venue_id = p_venue_id and t.id = l.ticket_type_id;
    update tickets set status = 'cancelled'
     where venue_id = p_venue_id and order_id = p_order_id and status <> 'revoked';
  end if;
end
$$;
