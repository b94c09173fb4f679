package io.provstat.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.provstat.testing.SparkTestBase;
import java.util.List;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.junit.jupiter.api.Test;

/** The allow-list of query shapes, on the plans Spark's parser makes (no warehouse needed). */
class ReadOnlyQueryTest extends SparkTestBase {

  private static LogicalPlan parse(String sql) throws Exception {
    return ((org.apache.spark.sql.classic.SparkSession) spark).sessionState().sqlParser().parsePlan(sql);
  }

  @Test
  void everyShapeOfQueryAnAnalystWritesIsAllowed() throws Exception {
    List<String> queries = List.of(
        "SELECT * FROM t",
        "TABLE t",
        "VALUES (1, 'Sóc Trăng'), (2, 'Nghệ An')",
        "SELECT * FROM VALUES (1) AS v(a)",
        "FROM t SELECT id",
        "SELECT id, count(*) FROM t GROUP BY id HAVING count(*) > 1 ORDER BY id NULLS LAST LIMIT 5 OFFSET 1",
        "SELECT id FROM t GROUP BY GROUPING SETS ((id), ())",
        "SELECT id FROM t GROUP BY ROLLUP (id)",
        "WITH a AS (SELECT id FROM t), b AS (SELECT id FROM a) SELECT * FROM b",
        "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 3) SELECT * FROM r",
        "SELECT id, rank() OVER w FROM t WINDOW w AS (PARTITION BY id ORDER BY id)",
        "SELECT * FROM t a JOIN u b ON a.id = b.id LEFT ANTI JOIN v c ON c.id = a.id",
        "SELECT * FROM t a JOIN LATERAL (SELECT a.id AS x) b",
        "SELECT * FROM t WHERE id IN (SELECT id FROM u) AND EXISTS (SELECT 1 FROM v)",
        "SELECT (SELECT max(id) FROM t) AS m",
        "SELECT * FROM t UNION ALL SELECT * FROM u EXCEPT SELECT * FROM v INTERSECT SELECT * FROM w",
        "SELECT DISTINCT id FROM t",
        "SELECT * FROM (SELECT id, 'a' AS k FROM t) PIVOT (sum(id) FOR k IN ('a', 'b'))",
        "SELECT * FROM t UNPIVOT (v FOR k IN (a, b))",
        "SELECT * FROM t LATERAL VIEW explode(array(1, 2)) e AS x",
        "SELECT * FROM explode(array(1, 2))",
        "SELECT * FROM range(10)",
        "SELECT * FROM t TABLESAMPLE (50 PERCENT)",
        "SELECT /*+ BROADCAST(t) */ * FROM t",
        "SELECT * FROM t DISTRIBUTE BY id SORT BY id",
        "SELECT transform(array(1, 2), x -> x + 1)",
        "SELECT * FROM IDENTIFIER('t')",
        "FROM t |> WHERE id > 1 |> SELECT id",
        "SELECT * FROM parquet.`/tmp/some/table`");
    for (String query : queries) {
      ReadOnlyQuery.check(parse(query));
    }
  }

  @Test
  void commandsAreRefusedWhereverTheyAreInThePlan() {
    assertThrows(ReadOnlyQuery.RefusedStatementException.class,
        () -> ReadOnlyQuery.check(parse("WITH a AS (SELECT 1) INSERT INTO t SELECT * FROM a")));
    assertThrows(ReadOnlyQuery.RefusedStatementException.class,
        () -> ReadOnlyQuery.check(parse("SELECT * FROM t WHERE id IN (SELECT reflect('a', 'b'))")));
    assertThrows(ReadOnlyQuery.RefusedStatementException.class,
        () -> ReadOnlyQuery.check(parse("WITH a AS (SELECT try_reflect('a', 'b')) SELECT * FROM a")));
  }

  @Test
  void statementKindsAreNamedInWords() {
    assertEquals("DROP TABLE", ReadOnlyQuery.kind("DropTable"));
    assertEquals("ADD JARS", ReadOnlyQuery.kind("AddJarsCommand"));
    assertEquals("INSERT OVERWRITE DIRECTORY", ReadOnlyQuery.kind("InsertIntoDir"));
  }
}
