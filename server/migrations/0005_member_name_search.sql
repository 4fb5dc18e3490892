-- Contains-search on Chinese names at province scale. pg_trgm does not split CJK text in the C
-- locale (and PGlite ships without it), so names are indexed by their characters and character
-- pairs: "张晓明" -> {张, 晓, 明, 张晓, 晓明}. A query of one character asks for that character, a longer
-- one for all its pairs; the LIKE that goes with it rechecks the order of the characters.
CREATE FUNCTION hy_name_grams(n text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT g), '{}') FROM (
    SELECT substr(n, i, 1) AS g FROM generate_series(1, char_length(n)) AS i
    UNION ALL
    SELECT substr(n, i, 2) FROM generate_series(1, char_length(n) - 1) AS i
  ) AS s
$$;

CREATE INDEX members_name_grams_idx ON members USING gin (hy_name_grams(name));
