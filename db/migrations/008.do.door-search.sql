-- Door search (issue 9): find a person among 50,000 in ≤ 20 ms by a part of
-- a name, accents and case aside, or by the last 6 characters of a code.

-- fold_text: lower case without accents, so "José Ñúñez" is found as
-- "jose nunez". It lives here, not in db/functions: the indexes below are
-- built from it, so changing its map is a schema change (a new migration
-- that replaces it and rebuilds them), never a silent re-apply that would
-- leave the indexes disagreeing with the function. A fixed map rather than
-- the unaccent extension, which a managed PostgreSQL or a Citus worker may
-- not have installed. PL/pgSQL, so PostgreSQL cannot inline it and sees its
-- cost: inlined, a name filter looked cheap and the planner read all 45,000
-- orders of an event instead of the trigram index (19,800 rows read for a
-- search of 20,000 subjects, 0 with it).
create or replace function fold_text(p text) returns text
language plpgsql immutable strict parallel safe cost 100 as $$
begin
  return translate(lower(p),
    'áàâäãåāéèêëēíìîïīóòôöõøōúùûüūñçýÿ',
    'aaaaaaaeeeeeiiiiiooooooouuuuuncyy');
end
$$;

-- Trigram indexes answer "contains" (like '%nunez%'); pg_trgm ships with
-- PostgreSQL (contrib), the embedded one and Citus alike.
create extension if not exists pg_trgm;
create index guest_passes_holder_trgm_idx on guest_passes using gin (fold_text(holder_name) gin_trgm_ops);
create index vip_reservations_host_trgm_idx on vip_reservations using gin (fold_text(host_name) gin_trgm_ops);
create index tickets_holder_trgm_idx on tickets using gin (fold_text(holder_name) gin_trgm_ops);
create index orders_buyer_trgm_idx on orders using gin (fold_text(buyer_name) gin_trgm_ops);

-- The end of a code, as a door person reads it off a damaged screen.
create index guest_passes_code_suffix_idx on guest_passes (venue_id, right(code, 6));
create index tickets_code_suffix_idx on tickets (venue_id, right(code, 6));
