-- Table shift_share (io.provstat.analytics.ShiftShare) in DuckDB SQL, over the facts table (facts.sql).
-- A province's change in a parent indicator, year t-1 to t, split against a reference (its region,
-- and the nation) over the components of a catalogue set, the rest of the parent as 'other' so the
-- components cover it. With E a province's component levels, R the reference's, g growth rates:
--   national     sum E_i0 * g_R
--   mix          sum E_i0 * (g_Ri - g_R)
--   competitive  sum (dE_i - E_i0 * g_Ri)                 (the three add up to sum dE_i)
--   homothetic   sum Ê_i0 * (g_i - g_Ri),   Ê_i0 = E_0 * R_i0 / R_0   (Esteban-Marquillas)
--   allocation   sum (E_i0 - Ê_i0) * (g_i - g_Ri)
-- The reference is the sum of the provinces of the scope that publish the components that year
-- (reference_provinces of n_in_scope: reference_complete). A component zero in both years adds
-- nothing and is left out. An effect is null when any of its terms is (a zero base), never a partial
-- sum; the note says why (the largest reason of the year's rows). The dynamic variant sums the
-- yearly effects over each run of two or more consecutive years, the least reference over the run.
-- status: the weakest of the component levels of the province and of every province of the
-- reference, over the years covered.
WITH with_levels AS (
  SELECT *, weakest(value_status, prev_value_status) AS levels_status
  FROM facts WHERE value IS NOT NULL AND prev_value IS NOT NULL
),
-- Component levels within a province: each additive component of a catalogue set with its parent.
named AS (
  SELECT c.province_code, c.year, c.period, i.parent AS parent_indicator, i.component_set,
         c.indicator AS component, c.prev_value, c.value, p.prev_value AS parent_prev_value,
         p.value AS parent_value, weakest(c.levels_status, p.levels_status) AS status
  FROM with_levels c
  JOIN indicators i ON c.indicator = i.indicator AND i.parent IS NOT NULL AND i.additive
  JOIN with_levels p ON p.province_code = c.province_code AND p.year = c.year AND p.period = c.period
                    AND p.indicator = i.parent
),
-- What the named components do not cover of the parent, in both years.
components AS (
  SELECT province_code, year, period, parent_indicator, component_set, component, prev_value, value, status
  FROM named
  UNION ALL
  SELECT province_code, year, period, parent_indicator, component_set, 'other',
         any_value(parent_prev_value) - CAST(sum(CAST(prev_value AS DECIMAL(38, 12))) AS DOUBLE),
         any_value(parent_value) - CAST(sum(CAST(value AS DECIMAL(38, 12))) AS DOUBLE),
         status_code(min(status_rank(status)))
  FROM named
  GROUP BY province_code, year, period, parent_indicator, component_set
),
-- Each component in the province's region and in the nation.
kept AS (
  SELECT pr.region_code, c.*
  FROM components c
  JOIN provinces pr ON pr.province_code = c.province_code
  WHERE NOT (c.prev_value = 0 AND c.value = 0)
),
rows AS (
  SELECT region_code AS reference_scope, * EXCLUDE (region_code) FROM kept
  UNION ALL
  SELECT 'VN' AS reference_scope, * EXCLUDE (region_code) FROM kept
),
reference AS (
  SELECT reference_scope, parent_indicator, component_set, year, period,
         CAST(sum(CAST(prev_value AS DECIMAL(38, 12))) AS DOUBLE) AS r_0,
         CAST(sum(CAST(value AS DECIMAL(38, 12))) AS DOUBLE) AS r_1,
         count(DISTINCT province_code) AS reference_provinces,
         min(status_rank(status)) AS reference_rank
  FROM rows
  GROUP BY reference_scope, parent_indicator, component_set, year, period
),
reference_components AS (
  SELECT reference_scope, parent_indicator, component_set, year, period, component,
         CAST(sum(CAST(prev_value AS DECIMAL(38, 12))) AS DOUBLE) AS r_i0,
         CAST(sum(CAST(value AS DECIMAL(38, 12))) AS DOUBLE) AS r_i1
  FROM rows
  GROUP BY reference_scope, parent_indicator, component_set, year, period, component
),
province_totals AS (
  SELECT reference_scope, parent_indicator, component_set, year, period, province_code,
         CAST(sum(CAST(prev_value AS DECIMAL(38, 12))) AS DOUBLE) AS e_0
  FROM rows
  GROUP BY reference_scope, parent_indicator, component_set, year, period, province_code
),
rates AS (
  SELECT r.*, g.r_0, g.r_1, g.reference_provinces, g.reference_rank, rc.r_i0, rc.r_i1, t.e_0,
         try_div(g.r_1, g.r_0) - 1 AS g_r,
         try_div(rc.r_i1, rc.r_i0) - 1 AS g_ri,
         try_div(r.value - r.prev_value, r.prev_value) AS g_i,
         try_div(t.e_0 * rc.r_i0, g.r_0) AS homothetic_level
  FROM rows r
  JOIN reference g USING (reference_scope, parent_indicator, component_set, year, period)
  JOIN reference_components rc USING (reference_scope, parent_indicator, component_set, year, period, component)
  JOIN province_totals t USING (reference_scope, parent_indicator, component_set, year, period, province_code)
),
terms AS (
  SELECT province_code, reference_scope, parent_indicator, component_set, period, year, reference_provinces,
         least(status_rank(status), reference_rank) AS status_rank,
         value - prev_value AS d,
         prev_value * g_r AS n,
         prev_value * (g_ri - g_r) AS m,
         (value - prev_value) - prev_value * g_ri AS c,
         homothetic_level * (g_i - g_ri) AS h,
         (prev_value - homothetic_level) * (g_i - g_ri) AS a,
         CASE WHEN r_0 = 0 THEN 'reference''s previous level is zero'
              WHEN r_i0 = 0 THEN 'a component''s previous reference level is zero'
              WHEN prev_value = 0 THEN 'a component''s previous level is zero: no Esteban-Marquillas split'
         END AS note
  FROM rates
),
yearly AS (
  SELECT province_code, reference_scope, parent_indicator, component_set, period, year,
         CAST(sum(CAST(d AS DECIMAL(38, 12))) AS DOUBLE) AS actual_change,
         CASE WHEN count(n) = count(*) THEN CAST(sum(CAST(n AS DECIMAL(38, 12))) AS DOUBLE) END AS national_effect,
         CASE WHEN count(m) = count(*) THEN CAST(sum(CAST(m AS DECIMAL(38, 12))) AS DOUBLE) END AS mix_effect,
         CASE WHEN count(c) = count(*) THEN CAST(sum(CAST(c AS DECIMAL(38, 12))) AS DOUBLE) END AS competitive_effect,
         CASE WHEN count(h) = count(*) THEN CAST(sum(CAST(h AS DECIMAL(38, 12))) AS DOUBLE) END AS homothetic_effect,
         CASE WHEN count(a) = count(*) THEN CAST(sum(CAST(a AS DECIMAL(38, 12))) AS DOUBLE) END AS allocation_effect,
         max(reference_provinces) AS reference_provinces,
         max(note) AS note,
         status_code(min(status_rank)) AS status
  FROM terms
  GROUP BY province_code, reference_scope, parent_indicator, component_set, period, year
),
-- The provinces each scope held in each year (a former province up to its last year).
sizes AS (
  SELECT s.scope, s.year, count(m.scope) AS n_in_scope
  FROM (SELECT DISTINCT reference_scope AS scope, year FROM yearly) s
  LEFT JOIN scope_members m ON s.scope = m.scope AND (m.valid_to IS NULL OR s.year <= m.valid_to)
  GROUP BY s.scope, s.year
),
classic AS (
  SELECT y.province_code, y.reference_scope, y.parent_indicator, y.component_set, y.period,
         y.year - 1 AS year_from, y.year AS year_to, 'classic' AS variant,
         y.actual_change, y.national_effect, y.mix_effect, y.competitive_effect, y.homothetic_effect,
         y.allocation_effect, y.reference_provinces,
         y.reference_provinces >= z.n_in_scope AS reference_complete,
         y.note, y.status
  FROM yearly y
  JOIN sizes z ON z.scope = y.reference_scope AND z.year = y.year
),
-- Runs of consecutive years: along a run, year - its place in the series is constant.
runs AS (
  SELECT *,
         year_to - row_number() OVER (PARTITION BY province_code, reference_scope, parent_indicator,
                                      component_set, period ORDER BY year_to) AS run
  FROM classic
),
dynamic AS (
  SELECT province_code, reference_scope, parent_indicator, component_set, period,
         min(year_from) AS year_from, max(year_to) AS year_to, 'dynamic' AS variant,
         CASE WHEN count(actual_change) = count(*)
              THEN CAST(sum(CAST(actual_change AS DECIMAL(38, 12))) AS DOUBLE) END AS actual_change,
         CASE WHEN count(national_effect) = count(*)
              THEN CAST(sum(CAST(national_effect AS DECIMAL(38, 12))) AS DOUBLE) END AS national_effect,
         CASE WHEN count(mix_effect) = count(*)
              THEN CAST(sum(CAST(mix_effect AS DECIMAL(38, 12))) AS DOUBLE) END AS mix_effect,
         CASE WHEN count(competitive_effect) = count(*)
              THEN CAST(sum(CAST(competitive_effect AS DECIMAL(38, 12))) AS DOUBLE) END AS competitive_effect,
         CASE WHEN count(homothetic_effect) = count(*)
              THEN CAST(sum(CAST(homothetic_effect AS DECIMAL(38, 12))) AS DOUBLE) END AS homothetic_effect,
         CASE WHEN count(allocation_effect) = count(*)
              THEN CAST(sum(CAST(allocation_effect AS DECIMAL(38, 12))) AS DOUBLE) END AS allocation_effect,
         min(reference_provinces) AS reference_provinces,
         bool_and(reference_complete) AS reference_complete,
         max(note) AS note,
         status_code(min(status_rank(status))) AS status
  FROM runs
  GROUP BY province_code, reference_scope, parent_indicator, component_set, period, run
  HAVING count(*) >= 2
)
SELECT * FROM classic
UNION ALL
SELECT * FROM dynamic
