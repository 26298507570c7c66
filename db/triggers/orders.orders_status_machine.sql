-- Every writer of an order's status goes through the machine
-- (db/functions/enforce_order_transition.sql).
create or replace trigger orders_status_machine
  before update of status on orders
  for each row execute function enforce_order_transition();
