-- Table specialisation (io.provstat.analytics.Specialisation) in DuckDB SQL, over the facts table
-- (facts.sql). Written from the documented formulas, relationally (one row per part, joins and
-- group-bys) where provstat works on each scope's collected array, so agreement checks both.
-- Annual figures (period Y) only.
--   mix of province i in a component set of parent P: named components x_ik and other = X_i - sum_k x_ik;
--     shares s_ik = x_ik / X_i; valid when X_i > 0, other >= 0 and no x_ik < 0;
--   reference of a scope (region or VN): its valid mixes that report every component some province
--     of the scope reports; s_rk = sum x_ik / sum X_i over them (n of them);
--   location_quotient = s_ik / s_rk; krugman = sum_k |s_ik - s_rk| over the province's parts, against
--     the whole reference or the reference without the province; hhi = sum_k s_ik^2 over the
--     province's own parts, normalised (H - 1/K) / (1 - 1/K);
--   location quotient against population: (y_i / Y) / (p_i / P) over the scope's provinces with both.
-- other is a part where the province's or the reference's is non-zero (hhi: the province's).
-- status: the weakest of the province's figures and, against a scope, its reference's.
WITH annual AS (
  SELECT province_code, region_code, indicator, year, period, value, status_rank(value_status) AS rnk
  FROM facts WHERE period = 'Y' AND value IS NOT NULL
),
comp AS (
  SELECT c.province_code, c.region_code, i.parent, i.component_set, c.indicator AS component, c.year, c.period,
         c.value AS x, p.value AS parent_x, least(c.rnk, p.rnk) AS rnk
  FROM annual c
  JOIN indicators i ON c.indicator = i.indicator AND i.parent IS NOT NULL AND i.component_set IS NOT NULL
                   AND i.additive
  JOIN annual p ON p.province_code = c.province_code AND p.year = c.year AND p.period = c.period
               AND p.indicator = i.parent
),
mix AS (
  SELECT province_code, region_code, parent, component_set, year, period, any_value(parent_x) AS big_x,
         any_value(parent_x) - CAST(sum(CAST(x AS DECIMAL(38, 12))) AS DOUBLE) AS other, count(*) AS n_named,
         min(rnk) AS rnk, bool_and(x >= 0) AS nonnegative
  FROM comp GROUP BY province_code, region_code, parent, component_set, year, period
),
valid_mix AS (
  SELECT *, coalesce(big_x > 0 AND other >= 0 AND nonnegative, false) AS valid FROM mix
),
scoped_mix AS (
  SELECT region_code AS scope, * FROM valid_mix UNION ALL SELECT 'VN' AS scope, * FROM valid_mix
),
scoped_comp AS (
  SELECT region_code AS scope, * FROM comp UNION ALL SELECT 'VN' AS scope, * FROM comp
),
codes AS (
  SELECT scope, parent, component_set, year, period, count(DISTINCT component) AS n_codes
  FROM scoped_comp GROUP BY scope, parent, component_set, year, period
),
members AS (
  SELECT m.*, (m.valid AND m.n_named = c.n_codes) AS in_ref, c.n_codes
  FROM scoped_mix m JOIN codes c USING (scope, parent, component_set, year, period)
),
ref AS (
  SELECT scope, parent, component_set, year, period,
         count(*) FILTER (WHERE in_ref) AS n,
         coalesce(sum(big_x) FILTER (WHERE in_ref), 0) AS ref_x_total,
         coalesce(sum(other) FILTER (WHERE in_ref), 0) AS ref_other,
         min(rnk) FILTER (WHERE in_ref) AS ref_rnk
  FROM members GROUP BY scope, parent, component_set, year, period
),
ref_comp AS (
  SELECT sc.scope, sc.parent, sc.component_set, sc.year, sc.period, sc.component, sum(sc.x) AS ref_x
  FROM scoped_comp sc
  JOIN members m ON m.scope = sc.scope AND m.province_code = sc.province_code AND m.parent = sc.parent
                AND m.component_set = sc.component_set AND m.year = sc.year AND m.period = sc.period
  WHERE m.in_ref
  GROUP BY sc.scope, sc.parent, sc.component_set, sc.year, sc.period, sc.component
),
-- Every part of every province's mix beside its reference: named components, then other.
parts AS (
  SELECT m.scope, m.province_code, m.parent, m.component_set, m.year, m.period, sc.component,
         try_div(sc.x, m.big_x) AS s,
         try_div(coalesce(rc.ref_x, 0), r.ref_x_total) AS r,
         try_div(coalesce(rc.ref_x, 0) - CASE WHEN m.in_ref THEN sc.x ELSE 0 END,
                 r.ref_x_total - CASE WHEN m.in_ref THEN m.big_x ELSE 0 END) AS r_rest
  FROM members m
  JOIN ref r USING (scope, parent, component_set, year, period)
  JOIN scoped_comp sc ON sc.scope = m.scope AND sc.province_code = m.province_code AND sc.parent = m.parent
                     AND sc.component_set = m.component_set AND sc.year = m.year AND sc.period = m.period
  LEFT JOIN ref_comp rc ON rc.scope = m.scope AND rc.parent = m.parent AND rc.component_set = m.component_set
                       AND rc.year = m.year AND rc.period = m.period AND rc.component = sc.component
  UNION ALL
  SELECT m.scope, m.province_code, m.parent, m.component_set, m.year, m.period, 'other',
         try_div(m.other, m.big_x), try_div(r.ref_other, r.ref_x_total),
         try_div(r.ref_other - CASE WHEN m.in_ref THEN m.other ELSE 0 END,
                 r.ref_x_total - CASE WHEN m.in_ref THEN m.big_x ELSE 0 END)
  FROM members m JOIN ref r USING (scope, parent, component_set, year, period)
  WHERE m.other <> 0 OR r.ref_other <> 0
),
province_ref AS (
  SELECT m.*, r.n, r.ref_rnk, scope_size(m.scope, m.year) AS n_in_scope,
         (SELECT count(*) FROM parts p WHERE p.scope = m.scope AND p.province_code = m.province_code
            AND p.parent = m.parent AND p.component_set = m.component_set AND p.year = m.year) AS n_parts
  FROM members m JOIN ref r USING (scope, parent, component_set, year, period)
),
quotients AS (
  SELECT p.scope, p.province_code, p.parent AS indicator, p.component_set, p.component, p.year, p.period,
         'location_quotient' AS measure, 'share of the parent against the scope''s share' AS variant,
         try_div(p.s, p.r) AS raw_value, 'ratio' AS measure_unit, p.s AS province_share, p.r AS reference_share,
         CAST(NULL AS BIGINT) AS n_parts, m.n, m.n_in_scope,
         CASE WHEN m.n = 0 THEN 'no province of the scope reports every component of its mix'
              WHEN NOT coalesce(m.big_x, 0) > 0 THEN 'the province''s parent level is zero or negative'
              WHEN p.s < 0 THEN 'the named components add up to more than the parent, or a part is negative: '
                                || 'the mix has no shares'
              WHEN NOT coalesce(p.r, 0) > 0 THEN 'the scope''s reference provinces have none of this component'
         END AS note,
         least(m.rnk, m.ref_rnk) AS rnk
  FROM parts p JOIN province_ref m USING (scope, province_code, parent, component_set, year, period)
),
krugman_sums AS (
  SELECT scope, province_code, parent, component_set, year, period, sum(abs(s - r)) AS k,
         sum(abs(s - r_rest)) AS k_rest
  FROM parts GROUP BY scope, province_code, parent, component_set, year, period
),
krugman_base AS (
  SELECT m.*, k.k, k.k_rest,
         CASE WHEN m.n = 0 THEN 'no province of the scope reports every component of its mix'
              WHEN NOT m.valid THEN 'the named components add up to more than the parent, or a part is negative: '
                                    || 'the mix has no shares'
              WHEN NOT m.in_ref THEN 'the province reports ' || m.n_named || ' of the ' || m.n_codes
                                     || ' components its scope reports'
         END AS why_not
  FROM province_ref m JOIN krugman_sums k USING (scope, province_code, parent, component_set, year, period)
),
krugman AS (
  SELECT scope, province_code, parent AS indicator, component_set, CAST(NULL AS VARCHAR) AS component, year, period,
         'krugman' AS measure, 'against the scope, the province included' AS variant,
         CASE WHEN why_not IS NULL THEN k END AS raw_value, 'index_0_2' AS measure_unit,
         CAST(NULL AS DOUBLE) AS province_share, CAST(NULL AS DOUBLE) AS reference_share, n_parts, n, n_in_scope,
         why_not AS note, least(rnk, ref_rnk) AS rnk
  FROM krugman_base
  UNION ALL
  SELECT scope, province_code, parent, component_set, NULL, year, period, 'krugman',
         'against the rest of the scope', CASE WHEN why_not IS NULL AND n > 1 THEN k_rest END, 'index_0_2',
         NULL, NULL, n_parts, n, n_in_scope,
         coalesce(why_not, CASE WHEN n <= 1 THEN 'no other reference province in the scope' END),
         least(rnk, ref_rnk)
  FROM krugman_base
),
own_parts AS (
  SELECT province_code, parent, component_set, year, period, try_div(x, parent_x) AS s FROM comp
  UNION ALL
  SELECT province_code, parent, component_set, year, period, try_div(other, big_x) FROM valid_mix WHERE other <> 0
),
own AS (
  SELECT m.*, h.h, h.k_parts
  FROM valid_mix m
  JOIN (SELECT province_code, parent, component_set, year, period, sum(s * s) AS h, count(*) AS k_parts
        FROM own_parts GROUP BY province_code, parent, component_set, year, period) h
    USING (province_code, parent, component_set, year, period)
),
hhi AS (
  SELECT province_code AS scope, province_code, parent AS indicator, component_set, CAST(NULL AS VARCHAR) AS component,
         year, period, 'hhi' AS measure, 'raw' AS variant, CASE WHEN valid THEN h END AS raw_value,
         'index_0_1' AS measure_unit, CAST(NULL AS DOUBLE) AS province_share, CAST(NULL AS DOUBLE) AS reference_share,
         k_parts AS n_parts, 1 AS n, 1 AS n_in_scope,
         CASE WHEN NOT valid THEN 'the named components add up to more than the parent, or a part is negative: '
                                  || 'the mix has no shares' END AS note, rnk
  FROM own
  UNION ALL
  SELECT province_code, province_code, parent, component_set, NULL, year, period, 'hhi',
         'normalised by the number of parts',
         CASE WHEN valid AND k_parts > 1 THEN try_div(h - 1.0 / k_parts, 1 - 1.0 / k_parts) END, 'index_0_1',
         NULL, NULL, k_parts, 1, 1,
         CASE WHEN NOT valid THEN 'the named components add up to more than the parent, or a part is negative: '
                                  || 'the mix has no shares'
              WHEN k_parts <= 1 THEN 'one part: the normalised index is undefined' END, rnk
  FROM own
),
pop AS (
  SELECT province_code, year, value AS p, rnk AS p_rnk FROM annual WHERE indicator = 'population'
),
figures AS (
  SELECT a.province_code, a.region_code, a.indicator, a.year, a.period, a.value AS y, pop.p,
         least(a.rnk, pop.p_rnk) AS rnk
  FROM annual a
  LEFT JOIN indicators i ON a.indicator = i.indicator
  LEFT JOIN pop ON pop.province_code = a.province_code AND pop.year = a.year
  WHERE coalesce(i.additive, false) AND a.indicator NOT LIKE 'population%'
),
scoped_figures AS (
  SELECT region_code AS scope, * FROM figures UNION ALL SELECT 'VN' AS scope, * FROM figures
),
pop_totals AS (
  SELECT scope, indicator, year, period, count(p) AS n,
         coalesce(sum(y) FILTER (WHERE p IS NOT NULL), 0) AS total_y, coalesce(sum(p), 0) AS total_p,
         min(rnk) FILTER (WHERE p IS NOT NULL) AS ref_rnk
  FROM scoped_figures GROUP BY scope, indicator, year, period
),
against_population AS (
  SELECT f.scope, f.province_code, f.indicator, 'population_shares' AS component_set,
         CAST(NULL AS VARCHAR) AS component, f.year, f.period, 'location_quotient' AS measure,
         'share of the scope''s total against share of its population' AS variant,
         try_div(try_div(f.y, t.total_y), try_div(f.p, t.total_p)) AS raw_value, 'ratio' AS measure_unit,
         CASE WHEN f.p IS NOT NULL THEN try_div(f.y, t.total_y) END AS province_share,
         try_div(f.p, t.total_p) AS reference_share, CAST(NULL AS BIGINT) AS n_parts, t.n,
         scope_size(f.scope, f.year) AS n_in_scope,
         CASE WHEN f.p IS NULL THEN 'no population figure for the province that year'
              WHEN t.total_y = 0 OR t.total_p = 0 OR try_div(f.p, t.total_p) = 0
                THEN 'the scope''s total or population is zero' END AS note,
         least(f.rnk, t.ref_rnk) AS rnk
  FROM scoped_figures f JOIN pop_totals t USING (scope, indicator, year, period)
),
all_rows AS (
  SELECT * FROM quotients UNION ALL SELECT * FROM krugman UNION ALL SELECT * FROM hhi
  UNION ALL SELECT * FROM against_population
)
SELECT scope, province_code, indicator, component_set, component, year, period, measure, variant,
       CASE WHEN note IS NULL OR measure = 'location_quotient' AND component_set = 'population_shares'
            THEN raw_value END AS value,
       measure_unit, province_share, reference_share, CAST(n_parts AS BIGINT) AS n_parts, CAST(n AS BIGINT) AS n,
       CAST(n_in_scope AS BIGINT) AS n_in_scope, n >= n_in_scope AS complete, note, status_code(rnk) AS status
FROM all_rows
