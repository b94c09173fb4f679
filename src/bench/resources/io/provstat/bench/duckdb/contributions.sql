-- Table contributions (io.provstat.analytics.Contributions) in DuckDB SQL, over the facts table
-- (facts.sql) and reported_aggregates. C_i = 100 * (X_i,t - X_i,t-1) / X_parent,t-1 and the share
-- 100 * dX_i / dX_parent, for (1) the catalogue's component sets within a province and (2) each
-- province within its region, for additive indicators where every province of the region has both
-- years, the parent being the reported regional total when both years are reported, else the sum.
-- An explicit 'other' row per group holds what the named components do not cover.
-- Percentages are left unrounded: the cross-check applies provstat's output rounding itself.
-- status: the weakest of the levels used (component and parent, both years; for other and for a
-- region, every component or province of the group, and the reported totals when they are the parent).
WITH with_levels AS (
  SELECT *, weakest(value_status, prev_value_status) AS levels_status
  FROM facts WHERE value IS NOT NULL AND prev_value IS NOT NULL
),
by_set AS (
  SELECT c.province_code AS scope, c.year, c.period, i.parent AS parent_indicator, i.component_set,
         c.indicator AS component, 'indicator' AS component_kind, c.prev_value, c.value,
         p.prev_value AS parent_prev_value, p.value AS parent_value,
         (c.prev_basis = 'derived_from_growth') OR (p.prev_basis = 'derived_from_growth') AS derived,
         weakest(c.levels_status, p.levels_status) AS status
  FROM with_levels c
  JOIN indicators i ON c.indicator = i.indicator AND i.parent IS NOT NULL AND i.additive
  JOIN with_levels p ON p.province_code = c.province_code AND p.year = c.year AND p.period = c.period
                    AND p.indicator = i.parent
),
levels AS (
  SELECT f.* FROM with_levels f JOIN indicators i ON f.indicator = i.indicator AND i.additive
),
totals AS (
  SELECT region_code AS scope, indicator, year, period, count(*) AS n,
         CAST(sum(CAST(value AS DECIMAL(38, 12))) AS DOUBLE) AS sum_value,
         CAST(sum(CAST(prev_value AS DECIMAL(38, 12))) AS DOUBLE) AS sum_prev,
         bool_or(prev_basis = 'derived_from_growth') AS any_derived,
         min(status_rank(levels_status)) AS provinces_rank
  FROM levels
  GROUP BY region_code, indicator, year, period
),
sizes AS (
  SELECT t.scope, t.year, count(*) AS n_in_scope
  FROM (SELECT DISTINCT scope, year FROM totals) t
  JOIN scope_members m ON t.scope = m.scope
  WHERE m.valid_to IS NULL OR t.year <= m.valid_to
  GROUP BY t.scope, t.year
),
reported AS (
  SELECT scope, indicator, CAST(year AS INTEGER) AS year, period, value AS reported, status AS reported_status
  FROM reported_aggregates WHERE measure = 'value'
),
parents AS (
  SELECT t.scope, t.indicator, t.year, t.period, t.any_derived,
         CASE WHEN r.reported IS NOT NULL AND rp.reported IS NOT NULL THEN r.reported ELSE t.sum_value END
           AS parent_value,
         CASE WHEN r.reported IS NOT NULL AND rp.reported IS NOT NULL THEN rp.reported ELSE t.sum_prev END
           AS parent_prev_value,
         status_code(least(t.provinces_rank,
           CASE WHEN r.reported IS NOT NULL AND rp.reported IS NOT NULL
                THEN least(status_rank(r.reported_status), status_rank(rp.reported_status)) END)) AS status
  FROM totals t
  JOIN sizes z ON t.scope = z.scope AND t.year = z.year AND t.n = z.n_in_scope
  LEFT JOIN reported r ON r.scope = t.scope AND r.indicator = t.indicator AND r.year = t.year
                      AND r.period = t.period
  LEFT JOIN reported rp ON rp.scope = t.scope AND rp.indicator = t.indicator AND rp.year + 1 = t.year
                       AND rp.period = t.period
),
by_geography AS (
  SELECT l.region_code AS scope, l.year, l.period, l.indicator AS parent_indicator,
         'geography' AS component_set, l.province_code AS component, 'province' AS component_kind,
         l.prev_value, l.value, p.parent_prev_value, p.parent_value, p.any_derived AS derived, p.status
  FROM levels l
  JOIN parents p ON p.scope = l.region_code AND p.indicator = l.indicator AND p.year = l.year
                AND p.period = l.period
),
named AS (
  SELECT * FROM by_set
  UNION ALL
  SELECT * FROM by_geography
),
other AS (
  SELECT scope, year, period, parent_indicator, component_set, 'other' AS component,
         'other' AS component_kind,
         any_value(parent_prev_value) - CAST(sum(CAST(prev_value AS DECIMAL(38, 12))) AS DOUBLE) AS prev_value,
         any_value(parent_value) - CAST(sum(CAST(value AS DECIMAL(38, 12))) AS DOUBLE) AS value,
         any_value(parent_prev_value) AS parent_prev_value, any_value(parent_value) AS parent_value,
         bool_or(derived) AS derived, status_code(min(status_rank(status))) AS status
  FROM named
  GROUP BY scope, year, period, parent_indicator, component_set
),
rows AS (
  SELECT * FROM named
  UNION ALL
  SELECT * FROM other
)
SELECT scope, year, period, parent_indicator, component_set, component, component_kind, prev_value, value,
       try_div(value - prev_value, parent_prev_value) * 100 AS contribution_pp,
       try_div(value - prev_value, parent_value - parent_prev_value) * 100 AS share_of_growth_pct,
       parent_prev_value, parent_value,
       (try_div(parent_value, parent_prev_value) - 1) * 100 AS parent_growth_pct,
       CASE WHEN derived THEN 'derived_from_growth' ELSE 'computed' END AS basis,
       CASE WHEN parent_value - parent_prev_value = 0 THEN 'parent did not change: no share of growth'
            WHEN parent_prev_value = 0 THEN 'parent''s previous level is zero' END AS note,
       status
FROM rows
