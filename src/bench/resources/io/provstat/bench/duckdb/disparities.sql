-- Table disparities (io.provstat.analytics.Disparities) in DuckDB SQL, over the facts table (facts.sql).
-- Written from the documented formulas, in other forms than provstat's, so agreement checks both:
-- the Gini pairwise (sum_ij w_i w_j |y_i - y_j| / (2 mu)) instead of over the sorted Lorenz curve,
-- and the Theil components per figure instead of per region:
--   T_B = sum_i w_i (y_i/mu) ln(mu_g/mu), T_W = sum_i w_i (y_i/mu) ln(y_i/mu_g),
--   L_B = sum_i w_i ln(mu/mu_g),          L_W = sum_i w_i ln(mu_g/y_i)   (g the region of i).
-- Weights: 1/n (unweighted) or p_i/P (population_weighted, population of the same province and year,
-- only where every province with a figure has one). Everything unrounded, as provstat stores it.
-- status: the weakest status of the figures measured, and of their population for weighted variants.
WITH pop AS (
  SELECT province_code, year, value AS p, value_status AS p_status FROM facts
  WHERE indicator = 'population' AND period = 'Y' AND value IS NOT NULL
),
figures AS (
  SELECT f.province_code, f.region_code, f.indicator, f.year, f.period, f.value AS y, pop.p,
         f.value_status AS y_status, pop.p_status,
         coalesce(i.additive, false) AS additive
  FROM facts f
  LEFT JOIN pop ON f.province_code = pop.province_code AND f.year = pop.year
  LEFT JOIN indicators i ON f.indicator = i.indicator
  WHERE f.value IS NOT NULL
),
scoped AS (
  SELECT region_code AS scope, * FROM figures
  UNION ALL
  SELECT 'VN' AS scope, * FROM figures
),
sizes AS (
  SELECT s.scope, s.year, count(*) AS n_in_scope
  FROM (SELECT DISTINCT scope, year FROM scoped) s
  JOIN scope_members m ON s.scope = m.scope
  WHERE m.valid_to IS NULL OR s.year <= m.valid_to
  GROUP BY s.scope, s.year
),
grp AS (
  SELECT scope, indicator, year, period, bool_or(additive) AS additive, count(*) AS n, count(p) AS n_pop,
         sum(y) AS total, CASE WHEN count(p) = count(*) THEN sum(p) END AS pop_total, min(y) AS mn, max(y) AS mx,
         min(status_rank(y_status)) AS y_rank, min(status_rank(p_status)) AS p_rank
  FROM scoped GROUP BY scope, indicator, year, period
),
g AS (
  SELECT grp.*, coalesce(z.n_in_scope, 0) AS n_in_scope,
         CASE WHEN n_pop < n THEN 'population is missing for ' || (n - n_pop) || ' of the ' || n
                  || ' provinces with a figure'
              WHEN NOT pop_total > 0 THEN 'the population of the provinces with a figure adds up to zero' END
           AS pop_note
  FROM grp LEFT JOIN sizes z ON grp.scope = z.scope AND grp.year = z.year
),
weighted AS (
  SELECT s.scope, s.indicator, s.year, s.period, s.province_code, s.region_code, s.y, s.p, g.n, g.total,
         g.pop_total, g.mn, 'unweighted' AS weights, 1.0::DOUBLE / g.n AS w
  FROM scoped s JOIN g USING (scope, indicator, year, period)
  UNION ALL
  SELECT s.scope, s.indicator, s.year, s.period, s.province_code, s.region_code, s.y, s.p, g.n, g.total,
         g.pop_total, g.mn, 'population_weighted', CASE WHEN g.pop_total > 0 THEN s.p / g.pop_total END
  FROM scoped s JOIN g USING (scope, indicator, year, period)
),
means AS (
  SELECT scope, indicator, year, period, weights, sum(w * y) AS mu
  FROM weighted GROUP BY scope, indicator, year, period, weights
),
region_means AS (
  SELECT scope, indicator, year, period, weights, region_code, try_div(sum(w * y), sum(w)) AS mu_g
  FROM weighted GROUP BY scope, indicator, year, period, weights, region_code
),
x AS (
  SELECT wt.*, m.mu, r.mu_g
  FROM weighted wt
  JOIN means m USING (scope, indicator, year, period, weights)
  JOIN region_means r USING (scope, indicator, year, period, weights, region_code)
),
sums AS (
  SELECT scope, indicator, year, period, weights, any_value(mu) AS mu, any_value(mn) AS mn,
         sum(CASE WHEN mn > 0 THEN w * (y / mu) * ln(y / mu) END) AS theil_t,
         sum(CASE WHEN mn > 0 THEN w * (y / mu) * ln(mu_g / mu) END) AS theil_t_between,
         sum(CASE WHEN mn > 0 THEN w * (y / mu) * ln(y / mu_g) END) AS theil_t_within,
         sum(CASE WHEN mn > 0 THEN w * ln(mu / y) END) AS theil_l,
         sum(CASE WHEN mn > 0 THEN w * ln(mu / mu_g) END) AS theil_l_between,
         sum(CASE WHEN mn > 0 THEN w * ln(mu_g / y) END) AS theil_l_within,
         try_div(sqrt(sum(w * (y - mu) * (y - mu))), any_value(mu)) AS cv,
         0.5 * sum(abs(try_div(y, total) - w)) AS hoover,
         sum(sqrt(CASE WHEN mn >= 0 THEN try_div(y, mu) END) * w) AS root_mean,
         sum(CASE WHEN mn > 0 THEN w * ln(y) END) AS mean_log,
         sum(try_div(y, total) * try_div(y, total)) AS hhi
  FROM x GROUP BY scope, indicator, year, period, weights
),
pairs AS (
  SELECT a.scope, a.indicator, a.year, a.period, a.weights,
         sum(a.w * b.w * abs(a.y - b.y)) AS mean_difference
  FROM weighted a
  JOIN weighted b ON a.scope = b.scope AND a.indicator = b.indicator AND a.year = b.year AND a.period = b.period
    AND a.weights = b.weights
  GROUP BY a.scope, a.indicator, a.year, a.period, a.weights
),
m AS (
  SELECT s.*, try_div(p.mean_difference, 2 * s.mu) AS gini, g.n, g.n_pop, g.n_in_scope, g.additive, g.total,
         g.mx, g.pop_note,
         CASE WHEN s.weights = 'population_weighted' THEN g.pop_note END AS weights_note
  FROM sums s
  JOIN pairs p USING (scope, indicator, year, period, weights)
  JOIN g USING (scope, indicator, year, period)
),
rows AS (
  SELECT m.*, 'gini' AS measure, weights AS variant, gini AS value, 'index_0_1' AS measure_unit,
         coalesce(weights_note, CASE WHEN mn < 0 THEN 'a value is negative: the measure needs non-negative figures'
                                     WHEN NOT mu > 0 THEN 'the mean is zero' END) AS note
  FROM m
  UNION ALL
  SELECT m.*, c.measure, weights || '; natural log; ' || c.component,
         CASE c.measure || c.component
           WHEN 'theil_ttotal' THEN theil_t WHEN 'theil_tbetween regions' THEN theil_t_between
           WHEN 'theil_twithin regions' THEN theil_t_within WHEN 'theil_ltotal' THEN theil_l
           WHEN 'theil_lbetween regions' THEN theil_l_between ELSE theil_l_within END,
         'index_natural_log',
         coalesce(weights_note, CASE WHEN NOT mn > 0 THEN 'a value is zero or negative: the logarithm is undefined' END)
  FROM m, (VALUES ('theil_t', 'total'), ('theil_t', 'between regions'), ('theil_t', 'within regions'),
                  ('theil_l', 'total'), ('theil_l', 'between regions'), ('theil_l', 'within regions'))
          c(measure, component)
  WHERE c.component = 'total' OR m.scope = 'VN'
  UNION ALL
  SELECT m.*, CASE WHEN weights = 'unweighted' THEN 'cv' ELSE 'williamson' END,
         weights || CASE WHEN weights = 'unweighted' THEN '; divisor n' ELSE '; weights p_i/P' END, cv, 'ratio',
         coalesce(weights_note, CASE WHEN NOT mu > 0 THEN 'the mean is zero' END)
  FROM m
  UNION ALL
  SELECT m.*, 'hoover', weights || CASE WHEN weights = 'unweighted' THEN '; against equal shares'
                                      ELSE '; against population shares' END, hoover, 'index_0_1',
         coalesce(weights_note, CASE WHEN mn < 0 THEN 'a value is negative: the measure needs non-negative figures'
                                     WHEN NOT total > 0 THEN 'the mean is zero' END)
  FROM m
  UNION ALL
  SELECT m.*, 'atkinson', 'unweighted; epsilon 0.5', 1 - root_mean * root_mean, 'index_0_1',
         CASE WHEN mn < 0 THEN 'a value is negative: the measure needs non-negative figures'
              WHEN NOT mu > 0 THEN 'the mean is zero' END
  FROM m WHERE weights = 'unweighted'
  UNION ALL
  SELECT m.*, 'atkinson', 'unweighted; epsilon 1', 1 - try_div(exp(mean_log), mu), 'index_0_1',
         CASE WHEN NOT mn > 0 THEN 'a value is zero or negative: the logarithm is undefined' END
  FROM m WHERE weights = 'unweighted'
  UNION ALL
  SELECT m.*, 'max_min_ratio', 'unweighted', try_div(mx, mn), 'ratio',
         CASE WHEN mn < 0 THEN 'a value is negative: the measure needs non-negative figures'
              WHEN NOT mn > 0 THEN 'the smallest value is zero' END
  FROM m WHERE weights = 'unweighted'
  UNION ALL
  SELECT m.*, 'hhi', 'unweighted; raw', hhi, 'index_0_1',
         CASE WHEN mn < 0 THEN 'a value is negative: the measure needs non-negative figures'
              WHEN NOT total > 0 THEN 'the mean is zero' END
  FROM m WHERE weights = 'unweighted' AND additive
  UNION ALL
  SELECT m.*, 'hhi', 'unweighted; normalised', try_div(hhi - 1.0 / n, 1 - 1.0 / n), 'index_0_1',
         CASE WHEN mn < 0 THEN 'a value is negative: the measure needs non-negative figures'
              WHEN NOT total > 0 THEN 'the mean is zero'
              WHEN n <= 1 THEN 'one province: the normalised index is undefined' END
  FROM m WHERE weights = 'unweighted' AND additive
)
SELECT r.scope, r.indicator, r.year, r.period, r.measure, r.variant,
       CASE WHEN r.note IS NULL THEN r.value END AS value, r.measure_unit, r.n, r.n_pop AS n_with_population,
       r.n_in_scope, r.n >= r.n_in_scope AS complete, r.note,
       status_code(CASE WHEN r.variant LIKE 'population_weighted%' THEN least(st.y_rank, st.p_rank)
                        ELSE st.y_rank END) AS status
FROM rows r
JOIN grp st ON st.scope = r.scope AND st.indicator = r.indicator AND st.year = r.year AND st.period = r.period
