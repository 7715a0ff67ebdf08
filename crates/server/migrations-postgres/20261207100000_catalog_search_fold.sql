-- PostgreSQL form of migrations/20261207100000_catalog_search_fold.sql (same name, same
-- version), which says why.
INSERT INTO meta (key, value)
SELECT 'catalog_search_text_version', '2'
WHERE NOT EXISTS (SELECT 1 FROM catalog_entries);
