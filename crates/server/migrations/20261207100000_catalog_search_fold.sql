-- The catalog's search text folds traditional characters from now on
-- (guichet_core::catalog::search::NORMALIZED_TEXT_VERSION 2). A database without catalog
-- entries is marked current here, so that nothing is rewritten later; one that has entries
-- is left unmarked, and the server rewrites their search text when it starts
-- (catalog_store::refresh_search_text), which then records the version.
INSERT INTO meta (key, value)
SELECT 'catalog_search_text_version', '2'
WHERE NOT EXISTS (SELECT 1 FROM catalog_entries);
