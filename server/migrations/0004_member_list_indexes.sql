-- Member lists sort by pinyin initials (then name) or by join date (newest first) within a county;
-- these indexes let a page be read in order instead of sorting the whole county.
CREATE INDEX members_sort_name_idx ON members (county_code, name_initials, name, id);
CREATE INDEX members_sort_joined_idx ON members (county_code, joined_on DESC NULLS LAST, name_initials, name, id);
