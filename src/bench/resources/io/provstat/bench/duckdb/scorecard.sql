-- Table scorecard (io.provstat.analytics.Scorecard) in DuckDB SQL, over the oracle's own plan_gap
-- (${plan_gap}, the file plan_gap.sql wrote): per province, year and period, the targets judged
-- (with a status), met (met or exceeded), exceeded, missed, pending (no status: no result yet), and
-- 100 * met / judged. The percentage is left unrounded: the cross-check applies provstat's rounding.
SELECT province_code, any_value(province_name) AS province_name, year, period,
       count(status) AS targets_set,
       count(*) FILTER (WHERE status IN ('met', 'exceeded')) AS targets_met,
       count(*) FILTER (WHERE status = 'exceeded') AS targets_exceeded,
       count(*) FILTER (WHERE status = 'missed') AS targets_missed,
       count(*) FILTER (WHERE status IS NULL) AS targets_pending,
       try_div(count(*) FILTER (WHERE status IN ('met', 'exceeded')), count(status)) * 100 AS met_pct
FROM read_parquet('${plan_gap}')
GROUP BY province_code, year, period
