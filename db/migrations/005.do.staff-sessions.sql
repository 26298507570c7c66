-- Staff log-in sessions. The bearer token is 256 random bits; only its
-- SHA-256 is stored, so a leaked table does not let anyone in.
create table staff_sessions (
  token_hash bytea primary key,
  staff_id   uuid not null references staff on delete cascade,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index staff_sessions_staff_idx on staff_sessions (staff_id);
