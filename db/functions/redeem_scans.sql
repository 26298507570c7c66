-- redeem_scans: several scans of one venue decided in one statement and one
-- transaction (group commit: src/scan/scan-lanes.ts), each by redeem_scan,
-- in the order given; returns their answers in that order (a null where the
-- token no longer lets its scanner scan). One call per scan would pay a
-- round trip, a statement and a commit each; here they are shared.
--
-- Locks: each scan takes redeem_scan's, in its order, and all are held to
-- the commit. The caller sends the scans sorted by what they name and all of
-- one scanner's to one connection at a time, so two calls take the subjects'
-- rows in one order and never share a counter row; a deadlock that is left
-- (two first entries into one table, say) aborts one call, and the caller
-- decides its scans again one by one.
--
-- Every scan is an object: tokenHash (hex), deviceId, staffId, boundEvent,
-- gate, nonce, code (the scanned_code's fields), direction, scannedAt,
-- offline, localDecision. Every argument is a value: on Citus the call runs
-- on the worker that holds p_venue_id.
create or replace function redeem_scans(p_venue_id uuid, p_scans jsonb) returns jsonb
language plpgsql as $$
declare
  v_scan    jsonb;
  v_answers jsonb := '[]';
begin
  for v_scan in select value from jsonb_array_elements(p_scans) with ordinality as s(value, i) order by i loop
    v_answers := v_answers || jsonb_build_array(redeem_scan(
      p_venue_id,
      decode(v_scan->>'tokenHash', 'hex'),
      (v_scan->>'deviceId')::uuid,
      (v_scan->>'staffId')::uuid,
      (v_scan->>'boundEvent')::uuid,
      v_scan->>'gate',
      v_scan->>'nonce',
      jsonb_populate_record(null::scanned_code, v_scan->'code'),
      (v_scan->>'direction')::scan_direction,
      (v_scan->>'scannedAt')::timestamptz,
      coalesce((v_scan->>'offline')::boolean, false),
      (v_scan->>'localDecision')::scan_decision));
  end loop;
  return v_answers;
end
$$;
