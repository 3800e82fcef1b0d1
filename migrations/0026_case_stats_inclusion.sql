-- The case statistics count social-inclusion outcomes too (issue 8, section 4): a case's facts
-- gain the inclusion_domain codes whose latest recorded status (at closure or a follow-up) is
-- "achieved", comma-separated. Dialect-neutral. The facts and cells of existing cases are
-- recounted once at start, in code (the data step "0026_case_stats_inclusion", app/data_dir.cpp).
ALTER TABLE case_stats_facts ADD COLUMN inclusion_achieved TEXT NOT NULL DEFAULT '';
