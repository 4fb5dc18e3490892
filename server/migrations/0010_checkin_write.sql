-- The check-in write path in one round trip (docs/CHECKIN.md, "Write path"). The engine groups
-- the check-ins that arrive together and calls this once per group and county: it resolves every
-- card, chip or member id, refuses unknown, revoked and inactive members, inserts the rest (ON
-- CONFLICT DO NOTHING on the member + activity and nonce keys) and bumps the activities' counters
-- by what was inserted, in one statement (atomic on its own), with plans that PL/pgSQL keeps for
-- the session. It returns one row per item: its outcome, the member it resolved to and, for a
-- check-in written, whether the activity's record was already submitted (locked_at, read from
-- the counter row this statement updates, so it cannot miss a submission that commits meanwhile:
-- the engine then adds the late attendee to the record's file entries).
--   outcome: ok | skipped (a conflict: a duplicate or a reused nonce, told apart by the caller) |
--            unknown | revoked | inactive
-- Nothing here scans check-ins or activities: every lookup is by key.
CREATE FUNCTION checkin_write(p_county text, p_active text[], p_items jsonb, p_now timestamptz)
RETURNS TABLE (r_k int, r_outcome text, r_member uuid, r_name text, r_org_name text, r_affiliated boolean, r_locked boolean)
LANGUAGE plpgsql AS $fn$
BEGIN
  RETURN QUERY
  WITH input AS (
    SELECT * FROM jsonb_to_recordset(p_items) AS x(k int, card text, chip text, member uuid, claimed text, id uuid, activity uuid,
      host_org uuid, act_path text, channel text, device_id text, device_time timestamptz, nonce text, offline boolean,
      recorded_by uuid, recorded_name text, reason text)
  ),
  found AS (
    SELECT i.k, m.id AS mid, m.card_no, m.standing, m.name, m.org_id FROM input i
      JOIN members m ON m.county_code = p_county AND m.card_no = i.card WHERE i.card IS NOT NULL
    UNION ALL
    SELECT i.k, m.id, m.card_no, m.standing, m.name, m.org_id FROM input i
      JOIN members m ON m.county_code = p_county AND m.chip_uid = i.chip WHERE i.card IS NULL AND i.chip IS NOT NULL
    UNION ALL
    SELECT i.k, m.id, m.card_no, m.standing, m.name, m.org_id FROM input i
      JOIN members m ON m.county_code = p_county AND m.id = i.member WHERE i.card IS NULL AND i.chip IS NULL
  ),
  judged AS (
    SELECT i.*, f.mid, f.name, f.org_id, o.name AS oname, starts_with(o.path, i.act_path) AS aff,
      CASE
        WHEN f.mid IS NULL THEN 'unknown'
        -- The card presented: the one typed, the chip's card, or the card a member QR carries.
        WHEN EXISTS (SELECT 1 FROM card_revocations r WHERE r.county_code = p_county
                       AND r.card_no = CASE WHEN i.card IS NOT NULL THEN i.card WHEN i.chip IS NOT NULL THEN f.card_no ELSE i.claimed END) THEN 'revoked'
        WHEN NOT (f.standing = ANY (p_active)) THEN 'inactive'
        ELSE 'write'
      END AS verdict
    FROM input i
    LEFT JOIN found f ON f.k = i.k
    -- One organization per item, by key (a join here would be planned as a scan of them all).
    LEFT JOIN LATERAL (SELECT o.name, o.path FROM organizations o WHERE o.county_code = p_county AND o.id = f.org_id LIMIT 1) o ON true
  ),
  ins AS (
    INSERT INTO checkins AS c (county_code, id, activity_id, member_id, host_org_id, home_org_id, affiliated, channel, device_id,
                               device_time, server_time, nonce, offline, recorded_by, recorded_name, reason)
    SELECT p_county, j.id, j.activity, j.mid, j.host_org, j.org_id, j.aff, j.channel, j.device_id,
           j.device_time, p_now, j.nonce, COALESCE(j.offline, false), j.recorded_by, j.recorded_name, j.reason
      FROM judged j WHERE j.verdict = 'write'
    ON CONFLICT DO NOTHING
    RETURNING c.id, c.activity_id, c.affiliated, c.channel
  ),
  bump AS (
    UPDATE activities a
       SET present_count = a.present_count + d.p, guest_count = a.guest_count + d.g,
           remote_count = a.remote_count + d.r, manual_count = a.manual_count + d.m
      FROM (SELECT ins.activity_id,
                   (count(*) FILTER (WHERE ins.affiliated))::int AS p,
                   (count(*) FILTER (WHERE NOT ins.affiliated))::int AS g,
                   (count(*) FILTER (WHERE ins.channel = 'remote'))::int AS r,
                   (count(*) FILTER (WHERE ins.channel = 'manual'))::int AS m
              FROM ins GROUP BY ins.activity_id) d
     WHERE a.county_code = p_county AND a.id = d.activity_id
    RETURNING a.id, a.locked_at IS NOT NULL AS locked
  )
  SELECT j.k, CASE WHEN j.verdict <> 'write' THEN j.verdict WHEN w.id IS NOT NULL THEN 'ok' ELSE 'skipped' END, j.mid, j.name, j.oname, j.aff,
         w.id IS NOT NULL AND COALESCE(b.locked, false)
    FROM judged j LEFT JOIN ins w ON w.id = j.id LEFT JOIN bump b ON b.id = j.activity;
END
$fn$;
