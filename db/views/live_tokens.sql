-- live_tokens: every bearer token that still names someone, as its SHA-256:
-- a device not revoked, or a staff session not expired of a member not
-- disabled. The one definition of a live token: findPrincipal
-- (src/db/principals.ts) reads who a token is, findScanner (src/db/scans.ts)
-- who may scan with it, and redeem_scan (step 0) checks, in the scan's own
-- statement, that it still may.
create or replace view live_tokens as
select s.token_hash, 'staff' as kind, st.id, st.venue_id, st.name, st.email, st.role as staff_role,
       null::text as gate, null::uuid as event_id, null::device_role as device_role
  from staff_sessions s
  join staff st on st.id = s.staff_id
 where s.expires_at > now() and st.disabled_at is null
union all
select d.token_hash, 'device', d.id, d.venue_id, d.name, null, null, d.gate, d.event_id, d.role
  from devices d
 where d.revoked_at is null;
