-- place_order: one order, its lines and tickets, in one transaction.
-- Lock: each ticket type row, in id order, by the UPDATE that takes the
-- inventory (the one lock order for ticket types, shared with
-- set_order_status); concurrent buyers of the last tickets queue there and
-- `sold + quantity <= inventory` cannot be passed by two of them.
-- Raises MP409 sold_out (nothing written) when a type lacks inventory.
-- p_lines: [{"ticketTypeId": uuid, "quantity": int}, …]. Returns the order id.
create or replace function place_order(
  p_venue_id    uuid,
  p_event_id    uuid,
  p_buyer_name  text,
  p_buyer_email text,
  p_lines       jsonb,
  p_paid        boolean,
  p_created_by  uuid
) returns uuid
language plpgsql as $$
declare
  v_order_id uuid := gen_random_uuid();
  v_line     record;
  v_type     ticket_types%rowtype;
  v_total    bigint := 0;
  v_fees     bigint := 0;
begin
  insert into orders (id, venue_id, event_id, buyer_name, buyer_email, status, total_cents, fee_cents, created_by, paid_at)
  values (v_order_id, p_venue_id, p_event_id, p_buyer_name, p_buyer_email,
          case when p_paid then 'paid'::order_status else 'pending' end, 0, 0, p_created_by,
          case when p_paid then now() end);

  for v_line in
    select (l->>'ticketTypeId')::uuid as type_id, sum((l->>'quantity')::int)::int as quantity
      from jsonb_array_elements(p_lines) l group by 1 order by 1
  loop
    update ticket_types set sold = sold + v_line.quantity
     where venue_id = p_venue_id and id = v_line.type_id and event_id = p_event_id
       and (inventory is null or sold + v_line.quantity <= inventory)
    returning * into v_type;
    if not found then
      if exists (select 1 from ticket_types
                  where venue_id = p_venue_id and id = v_line.type_id and event_id = p_event_id) then
        raise exception using errcode = 'MP409', message = 'sold_out',
          detail = json_build_object('ticketTypeId', v_line.type_id)::text;
      end if;
      raise exception using errcode = 'MP404', message = 'ticket_type_not_found';
    end if;
    insert into order_lines (venue_id, order_id, ticket_type_id, quantity, unit_price_cents, unit_fee_cents)
    values (p_venue_id, v_order_id, v_type.id, v_line.quantity, v_type.price_cents, v_type.fee_cents);
    insert into tickets (venue_id, event_id, ticket_type_id, order_id)
    select p_venue_id, p_event_id, v_type.id, v_order_id from generate_series(1, v_line.quantity);
    v_total := v_total + v_line.quantity * (v_type.price_cents + v_type.fee_cents);
    v_fees  := v_fees + v_line.quantity * v_type.fee_cents;
  end loop;

  update orders set total_cents = v_total, fee_cents = v_fees
   where venue_id = p_venue_id and id = v_order_id;
  return v_order_id;
end
$$;
