package io.provstat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.provstat.analytics.Analysis;
import io.provstat.ingest.Ingestion;
import io.provstat.jobs.AnalyzeJob;
import io.provstat.testing.SharedData;
import io.provstat.warehouse.TableDef;
import io.provstat.warehouse.Tables;
import io.provstat.warehouse.Warehouse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * provstat on a real Spark standalone cluster on this machine: one Master and two Workers (separate
 * JVMs, 1 core and 1 GiB each, ephemeral ports, their own work dirs) on the Spark jars Maven
 * resolved (target/spark-home/jars), the thin jar submitted through jobs/submit.sh. The tables must
 * equal a local-mode run's, also when a worker is killed while the job runs.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StandaloneClusterIT {

  private static final Pattern MASTER_URL = Pattern.compile("Starting Spark master at (spark://127\\.0\\.0\\.1:\\d+)");
  private static final Pattern REGISTERED = Pattern.compile("Registering worker 127\\.0\\.0\\.1:\\d+");
  private static final Pattern LOSS = Pattern.compile(
      "(?i)(lost executor|executor lost|lost task|ExecutorLostFailure|resubmit|removing worker|worker .* lost|"
          + "removed worker|retry|Removing executor)");

  private static final List<Process> processes = new ArrayList<>();
  private static Path root;
  private static Path sparkHome;
  private static String masterUrl;
  private static Process worker1;
  private static SparkSession local;

  private static List<String> javaFlags() throws IOException {
    return Files.readAllLines(SharedData.project().resolve("jobs/conf/java17-flags")).stream()
        .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
  }

  private static Process start(String name, List<String> command) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile())
        .redirectErrorStream(true).redirectOutput(root.resolve(name + ".log").toFile());
    Map<String, String> env = builder.environment();
    env.put("SPARK_HOME", sparkHome.toString());
    env.put("SPARK_SCALA_VERSION", "2.13");
    env.put("SPARK_LOCAL_IP", "127.0.0.1");
    env.put("SPARK_NO_DAEMONIZE", "1");
    Process process = builder.start();
    processes.add(process);
    return process;
  }

  private static List<String> sparkClass(String mainClass, String memory, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(javaFlags());
    command.addAll(List.of("-Xmx" + memory, "-cp", sparkHome.resolve("jars") + "/*", mainClass));
    command.addAll(List.of(args));
    return command;
  }

  private static String log(String name) {
    try {
      Path file = root.resolve(name + ".log");
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean waitFor(String name, Pattern pattern, int count, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      Matcher m = pattern.matcher(log(name));
      int found = 0;
      while (m.find()) {
        found++;
      }
      if (found >= count) {
        return true;
      }
      Thread.sleep(200);
    }
    return false;
  }

  @BeforeAll
  static void startCluster() throws Exception {
    Path project = SharedData.project();
    sparkHome = project.resolve("target/spark-home");
    assertTrue(Files.isDirectory(sparkHome.resolve("jars")), "run after package: " + sparkHome + "/jars");
    root = Files.createTempDirectory("provstat-cluster");
    Runtime.getRuntime().addShutdownHook(new Thread(StandaloneClusterIT::stopAll));

    // A spark-submit for this SPARK_HOME: what Spark's own script runs, the SparkSubmit class on its jars.
    Path bin = Files.createDirectories(sparkHome.resolve("bin"));
    Path submit = bin.resolve("spark-submit");
    try (Writer w = Files.newBufferedWriter(submit)) {
      w.write("#!/usr/bin/env bash\nexec \"" + Path.of(System.getProperty("java.home"), "bin", "java") + "\" "
          + String.join(" ", javaFlags()) + " -Xmx1g -cp \"$SPARK_HOME/jars/*\" org.apache.spark.deploy.SparkSubmit \"$@\"\n");
    }
    submit.toFile().setExecutable(true);

    start("master", sparkClass("org.apache.spark.deploy.master.Master", "512m",
        "--host", "127.0.0.1", "--port", "0", "--webui-port", "0"));
    boolean up = waitFor("master", MASTER_URL, 1, 90);
    assumeTrue(up, "the Spark standalone master did not start on this machine; its log:\n" + log("master"));
    Matcher m = MASTER_URL.matcher(log("master"));
    assertTrue(m.find());
    masterUrl = m.group(1);
    for (int i = 1; i <= 2; i++) {
      Path work = Files.createDirectories(root.resolve("work-" + i));
      Process worker = start("worker-" + i, sparkClass("org.apache.spark.deploy.worker.Worker", "512m",
          "--host", "127.0.0.1", "--port", "0", "--webui-port", "0", "--cores", "1", "--memory", "1g",
          "--work-dir", work.toString(), masterUrl));
      if (i == 1) {
        worker1 = worker;
      }
    }
    assumeTrue(waitFor("master", REGISTERED, 2, 90),
        "the Spark workers did not register on this machine; master log:\n" + log("master"));

    local = SparkSession.builder().master("local[2]").appName("provstat-cluster-it")
        .config("spark.sql.shuffle.partitions", "2").config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.adaptive.enabled", "true")
        .config("spark.sql.optimizer.canChangeCachedPlanOutputPartitioning", "true")
        .getOrCreate();
  }

  @AfterAll
  static void stopCluster() {
    if (local != null) {
      local.stop();
    }
    stopAll();
  }

  /** Stops every process started here, and their children (the executors a Worker launched). */
  private static synchronized void stopAll() {
    for (Process p : processes) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
    processes.clear();
  }

  private static Process submit(String name, String input, Path warehouse) throws IOException {
    List<String> command = new ArrayList<>(List.of(SharedData.project().resolve("jobs/submit.sh").toString(),
        "pipeline", "--input", input, "--warehouse", warehouse.toString(),
        "--master", masterUrl,
        "--conf", "spark.driver.host=127.0.0.1",
        "--conf", "spark.executor.memory=768m",
        "--conf", "spark.executor.cores=1",
        "--conf", "spark.sql.shuffle.partitions=4",
        "--conf", "spark.executor.extraJavaOptions=" + String.join(" ", javaFlags())));
    return start(name, command);
  }

  private static int await(Process process, String name) throws InterruptedException {
    assertTrue(process.waitFor(8, TimeUnit.MINUTES), name + " did not finish; its log:\n" + log(name));
    return process.exitValue();
  }

  /** Every table of both warehouses, row for row (run identifiers and times aside). */
  private static void assertSameTables(Path expected, Path actual) {
    List<TableDef> tables = new ArrayList<>(Tables.INGEST_TABLES);
    tables.addAll(Analysis.TABLES);
    for (TableDef table : tables) {
      Dataset<Row> a = Warehouse.open(local, expected.toString()).read(table);
      Dataset<Row> b = Warehouse.open(local, actual.toString()).read(table);
      if (table.name().equals(Tables.INGEST_RUNS.name())) {
        a = a.drop("run_id", "run_started_at");
        b = b.drop("run_id", "run_started_at");
      }
      assertEquals(a.count(), b.count(), table.name());
      assertEquals(0, a.exceptAll(b).count(), table.name());
      assertEquals(0, b.exceptAll(a).count(), table.name());
    }
  }

  private static double runLocally(String input, Path warehouse) {
    long started = System.nanoTime();
    Ingestion.run(local, Ingestion.Config.of(warehouse.toString(), input));
    AnalyzeJob.run(local, AnalyzeJob.Config.of(warehouse.toString()));
    return (System.nanoTime() - started) / 1e9;
  }

  @Test
  @Order(1)
  void thePipelineOnTheClusterWritesTheSameTablesAsLocalMode() throws Exception {
    // The real figures only: the synthetic panel goes to a warehouse of its own.
    String input = SharedData.project().resolve("sample-data/reports").toString();
    long started = System.nanoTime();
    Process run = submit("submit-sample", input, root.resolve("cluster"));
    int code = await(run, "submit-sample");
    double clusterSeconds = (System.nanoTime() - started) / 1e9;
    assertEquals(0, code, log("submit-sample"));
    assertTrue(log("submit-sample").contains("growth of export_value in 94 2022: +16.37%"), log("submit-sample"));
    double localSeconds = runLocally(input, root.resolve("local"));
    assertSameTables(root.resolve("local"), root.resolve("cluster"));
    System.out.printf(Locale.ROOT, "pipeline on sample-data: standalone cluster (2 workers x 1 core) %.1f s "
        + "including spark-submit start; local mode in-process (local[2]) %.1f s%n", clusterSeconds, localSeconds);
  }

  /**
   * A made-up panel of every province (complete scopes, so every analytic table has rows). The job
   * runs long enough on the cluster (many small stages) for the kill to land while it runs.
   */
  private static Path syntheticInput() throws IOException {
    Path dir = Files.createDirectories(root.resolve("synthetic"));
    Random random = new Random(20261123);
    String[] provinces = io.provstat.reference.ReferenceData.get().currentProvinces().stream()
        .map(p -> p.gsoCode()).toArray(String[]::new);
    int perFile = 8;
    for (int f = 0; f * perFile < provinces.length; f++) {
      StringBuilder csv = new StringBuilder("province_code,year,period,indicator,measure,value,status\n");
      csv.append("# synthetic: generated by StandaloneClusterIT, not real figures\n");
      for (int p = f * perFile; p < Math.min(provinces.length, (f + 1) * perFile); p++) {
        double size = Math.exp(4 + 2 * random.nextDouble());
        for (int year = 2005; year <= 2023; year++) {
          for (int month = 0; month <= 0; month++) {
            String period = month == 0 ? "Y" : String.format(Locale.ROOT, "M%02d", month);
            double scale = month == 0 ? 12 : 1;
            double seafood = size * scale * (0.3 + 0.2 * random.nextDouble());
            double rice = size * scale * (0.2 + 0.1 * random.nextDouble());
            double garments = size * scale * (0.1 + 0.1 * random.nextDouble());
            double total = (seafood + rice + garments) * (1.1 + 0.2 * random.nextDouble());
            double retail = size * scale * 40 * (0.9 + 0.2 * random.nextDouble());
            String[][] figures = {{"export_value", "value", fmt(total)}, {"export_seafood", "value", fmt(seafood)},
                {"export_rice", "value", fmt(rice)}, {"export_garments", "value", fmt(garments)},
                {"export_value", "plan", fmt(total * (0.9 + 0.2 * random.nextDouble()))},
                {"retail_sales_services", "value", fmt(retail)},
                {"retail_sales_services", "yoy_growth_pct", fmt(5 + 10 * random.nextDouble())}};
            for (String[] fig : figures) {
              csv.append(provinces[p]).append(',').append(year).append(',').append(period).append(',')
                  .append(fig[0]).append(',').append(fig[1]).append(',').append(fig[2]).append(",final\n");
            }
          }
          size *= 1.02 + 0.1 * random.nextDouble();
        }
      }
      Files.writeString(dir.resolve(String.format(Locale.ROOT, "panel-%02d.csv", f)), csv, StandardCharsets.UTF_8);
    }
    return dir;
  }

  private static String fmt(double value) {
    return String.format(Locale.ROOT, "%.3f", value);
  }

  @Test
  @Order(2)
  void losingAWorkerWhileTheJobRunsGivesTheSameTables() throws Exception {
    Path input = syntheticInput();
    Process run = submit("submit-fault", input.toString(), root.resolve("cluster-fault"));
    // Deterministic kill: as soon as the driver hands out its first task, the worker dies.
    assertTrue(waitFor("submit-fault", Pattern.compile("Starting task"), 1, 240),
        "no task started; log:\n" + log("submit-fault"));
    long pid = worker1.pid();
    worker1.descendants().forEach(ProcessHandle::destroyForcibly);
    assertTrue(ProcessHandle.of(pid).map(ProcessHandle::destroyForcibly).orElse(false), "worker 1 was not running");
    int code = await(run, "submit-fault");
    String driverLog = log("submit-fault");
    assertEquals(0, code, driverLog);
    List<String> loss = driverLog.lines().filter(l -> LOSS.matcher(l).find()).collect(Collectors.toList());
    assertTrue(loss.stream().anyMatch(l -> l.toLowerCase(Locale.ROOT).contains("lost")),
        "the driver never noticed the lost worker:\n" + driverLog);
    System.out.println("worker " + pid + " killed; what the driver logged about it:");
    loss.stream().limit(40).forEach(l -> System.out.println("  " + l));

    runLocally(input.toString(), root.resolve("local-fault"));
    assertSameTables(root.resolve("local-fault"), root.resolve("cluster-fault"));
  }
}
