-- fold_text: lower case without accents, so "José Ñúñez" is found as
-- "jose nunez" at the door (door search). Immutable, so it can back an
-- index; a fixed map rather than the unaccent extension, which a managed
-- PostgreSQL or a Citus worker may not have installed.
create or replace function fold_text(p text) returns text
language sql immutable strict parallel safe as $$
  select translate(lower(p),
    'áàâäãåāéèêëēíìîïīóòôöõøōúùûüūñçýÿ',
    'aaaaaaaeeeeeiiiiiooooooouuuuuncyy')
$$;
