-- 0008: a list filtered by a form of exploitation reads its page from contact_codes (issue 3,
-- section 9). The filter index gains contact_id, the list's tie-breaker, so both planners walk
-- it backwards in page order (started_at DESC, contact_id DESC), join each row to its contact,
-- and stop after a page. Before, a rare code walked the organisation's whole history in contact
-- order and probed contact_codes per contact (5 s cold, 0.2 s warm at a million contacts).
CREATE INDEX contact_codes_page_idx ON contact_codes (org_id, list, code, started_at, contact_id);
DROP INDEX contact_codes_filter_idx;
