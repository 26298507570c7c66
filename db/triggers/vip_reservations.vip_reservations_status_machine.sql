-- Every writer of a reservation's status goes through the machine
-- (db/functions/enforce_reservation_transition.sql).
create or replace trigger vip_reservations_status_machine
  before update of status on vip_reservations
  for each row execute function enforce_reservation_transition();
