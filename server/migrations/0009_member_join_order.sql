-- The member list sorted by join date oldest first (blanks last) reads this index in order instead of
-- sorting the county (0004 covers newest first; ASC NULLS LAST is not its reverse).
CREATE INDEX members_sort_joined_asc_idx ON members (county_code, joined_on ASC NULLS LAST, name_initials, name, id);
