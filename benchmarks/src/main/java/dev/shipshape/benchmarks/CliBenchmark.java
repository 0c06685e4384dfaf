package dev.shipshape.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Whole-process runs of the command line: {@code shipshape render --out DIR bench.jsh} on the {@link TenantWorkload}
 * (the script is one line, {@code ClusterSpec spec = dev.shipshape.benchmarks.TenantWorkload.spec(N);}, with this
 * module's classes added through {@code SHIPSHAPE_CLASSPATH}). Per size: one run with an empty script cache (the
 * first compile), then {@code runs} runs with the cache warm, reporting the median wall time and peak RSS as
 * {@code /usr/bin/time -v} measures them (wall time only where it is missing).
 *
 * <p>With {@code --alternative DIR} (a folder holding {@code workload.js}, the same workload written with cdk8s,
 * after {@code npm install} there), each measured run is followed by {@code node DIR/workload.js N OUT}, so both tools
 * are timed side by side in one run on the same machine state.
 *
 * <p>With {@code --daemon}, the Shipshape runs have {@code SHIPSHAPE_DAEMON=1}: the first (empty cache) starts the
 * daemon and runs in it, the measured ones go through it too. Their peak RSS is the client's; the daemon's peak RSS is reported beside it, and the daemon is stopped
 * after each size. Without it, {@code SHIPSHAPE_DAEMON} is removed from the runs' environment.
 *
 * <pre>
 * java -cp benchmarks/target/classes:cli/target/shipshape.jar dev.shipshape.benchmarks.CliBenchmark \
 *     [--alternative benchmarks/cdk8s] [--daemon] bin/shipshape 5 10 100 1000 10000
 * </pre>
 */
public final class CliBenchmark {
  private static final Path TIME = Path.of("/usr/bin/time");
  private static final Pattern WALL = Pattern.compile("Elapsed \\(wall clock\\) time \\(h:mm:ss or m:ss\\): (.+)");
  private static final Pattern RSS = Pattern.compile("Maximum resident set size \\(kbytes\\): (\\d+)");
  private static final Pattern CPU = Pattern.compile("(?:User|System) time \\(seconds\\): ([0-9.]+)");

  /** One size's figures. */
  public static final class Result {
    public final int tenants;
    public final int objects;
    public final double firstCompileSeconds;
    public final double medianSeconds;
    public final Optional<Long> medianPeakRssKb;
    /** The alternative's median wall time and peak RSS, when it ran. */
    public final Optional<Run> alternative;
    /** With {@code --daemon}: the daemon's peak RSS. */
    public final Optional<Long> daemonPeakRssKb;

    Result(int tenants, int objects, double firstCompileSeconds, Run median, Optional<Run> alternative,
        Optional<Long> daemonPeakRssKb) {
      this.tenants = tenants;
      this.objects = objects;
      this.firstCompileSeconds = firstCompileSeconds;
      this.medianSeconds = median.wallSeconds;
      this.medianPeakRssKb = median.peakRssKb;
      this.alternative = alternative;
      this.daemonPeakRssKb = daemonPeakRssKb;
    }

    @Override
    public String toString() {
      String row = String.format(Locale.ROOT, "| %,d | %,d | %.2f s | %.2f s | %s |", tenants, objects,
          firstCompileSeconds, medianSeconds, megabytes(medianPeakRssKb)
              + daemonPeakRssKb.map(k -> " (daemon " + megabytes(Optional.of(k)) + ")").orElse(""));
      return alternative.map(alt -> row + String.format(Locale.ROOT, " %.2f s | %s | %.1f× |", alt.wallSeconds,
          megabytes(alt.peakRssKb), alt.wallSeconds / medianSeconds)).orElse(row);
    }

    private static String megabytes(Optional<Long> kb) {
      return kb.map(k -> (k / 1024) + " MB").orElse("n/a");
    }
  }

  private CliBenchmark() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 3) {
      System.err.println("usage: CliBenchmark LAUNCHER RUNS N... (such as: bin/shipshape 5 10 100 1000 10000)");
      System.exit(2);
    }
    Optional<Path> alternative = Optional.empty();
    boolean daemon = false;
    while (args.length > 0 && args[0].startsWith("--")) {
      if (args[0].equals("--daemon")) {
        daemon = true;
        args = Arrays.copyOfRange(args, 1, args.length);
      } else if (args[0].equals("--alternative") && args.length > 1) {
        alternative = Optional.of(Path.of(args[1]).toAbsolutePath());
        args = Arrays.copyOfRange(args, 2, args.length);
      } else {
        System.err.println("unknown option " + args[0]);
        System.exit(2);
      }
    }
    List<String> launcher = List.of(Path.of(args[0]).toAbsolutePath().toString());
    int runs = Integer.parseInt(args[1]);
    String header = "| tenants | objects | first compile | median of " + runs + " (cached) | peak RSS |";
    System.out.println(alternative.isEmpty() ? header
        : header + " alternative, median | alternative, peak RSS | alternative / Shipshape |");
    System.out.println(alternative.isEmpty() ? "|---|---|---|---|---|" : "|---|---|---|---|---|---|---|---|");
    for (String n : Arrays.copyOfRange(args, 2, args.length)) {
      System.out.println(run(launcher, Integer.parseInt(n), runs, alternative, daemon));
    }
  }

  /**
   * Runs {@code launcher render --out} for {@code tenants} tenants: once with an empty script cache, then
   * {@code runs} times with it warm, each followed by a run of the alternative's {@code workload.js} when given;
   * through the daemon when {@code daemon}.
   */
  public static Result run(List<String> launcher, int tenants, int runs, Optional<Path> alternative, boolean daemon)
      throws IOException {
    Set<Long> earlierDaemons = daemons().map(ProcessHandle::pid).collect(Collectors.toSet());
    Path work = Files.createTempDirectory("shipshape-bench");
    try {
      Path script = Files.writeString(work.resolve("bench.jsh"),
          "ClusterSpec spec = dev.shipshape.benchmarks.TenantWorkload.spec(" + tenants + ");\n");
      Path out = work.resolve("out");
      Map<String, String> env = new HashMap<>(System.getenv());
      env.put("XDG_CACHE_HOME", work.resolve("cache").toString());
      env.put("SHIPSHAPE_CLASSPATH", ownClassPath());
      env.remove("SHIPSHAPE_DAEMON");
      Map<String, String> shipshapeEnv = new HashMap<>(env);
      if (daemon) shipshapeEnv.put("SHIPSHAPE_DAEMON", "1");
      List<String> command = new ArrayList<>(launcher);
      command.addAll(List.of("render", "--out", out.toString(), script.toString()));
      double first = measure(command, shipshapeEnv, work).wallSeconds;
      int objects = countFiles(out) - 1;
      List<Run> measured = new ArrayList<>();
      List<Run> alternativeRuns = new ArrayList<>();
      for (int i = 0; i < runs; i++) {
        measured.add(measure(command, shipshapeEnv, work));
        if (alternative.isPresent()) {
          alternativeRuns.add(measure(List.of("node", alternative.get().resolve("workload.js").toString(),
              Integer.toString(tenants), work.resolve("alternative").toString()), env, work));
        }
      }
      return new Result(tenants, objects, first, median(measured),
          alternativeRuns.isEmpty() ? Optional.empty() : Optional.of(median(alternativeRuns)),
          daemon ? stopDaemonsBut(earlierDaemons) : Optional.empty());
    } finally {
      delete(work);
    }
  }

  private static Stream<ProcessHandle> daemons() {
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().map(c -> c.contains("-Dshipshape.daemon.serve=true")).orElse(false));
  }

  /** Stops the daemons but {@code earlier} and returns the largest peak RSS among them. */
  private static Optional<Long> stopDaemonsBut(Set<Long> earlier) throws IOException {
    Optional<Long> peak = Optional.empty();
    for (ProcessHandle daemon : daemons().filter(p -> !earlier.contains(p.pid())).toList()) {
      Path status = Path.of("/proc", Long.toString(daemon.pid()), "status");
      if (Files.exists(status)) {
        for (String line : Files.readAllLines(status)) {
          if (!line.startsWith("VmHWM:")) continue;
          long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
          peak = Optional.of(Math.max(kb, peak.orElse(0L)));
        }
      }
      daemon.destroy();
      daemon.onExit().join();
    }
    return peak;
  }

  /**
   * One process run, or the medians of several: its wall time, and its peak RSS and CPU time (user + system) where
   * measured.
   */
  public static final class Run {
    public final double wallSeconds;
    public final Optional<Long> peakRssKb;
    final Optional<Double> cpuSeconds;
    /** What the process printed on its standard output (empty for medians). */
    final String stdout;

    Run(double wallSeconds, Optional<Long> peakRssKb, Optional<Double> cpuSeconds, String stdout) {
      this.wallSeconds = wallSeconds;
      this.peakRssKb = peakRssKb;
      this.cpuSeconds = cpuSeconds;
      this.stdout = stdout;
    }
  }

  /** The median wall time and the median peak RSS of {@code runs}, each taken on its own. */
  private static Run median(List<Run> runs) {
    List<Double> walls = runs.stream().map(r -> r.wallSeconds).sorted().toList();
    List<Long> rss = runs.stream().map(r -> r.peakRssKb).flatMap(Optional::stream).sorted().toList();
    Optional<Long> medianRss = rss.isEmpty() ? Optional.empty() : Optional.of(rss.get(rss.size() / 2));
    return new Run(walls.get(walls.size() / 2), medianRss, Optional.empty(), "");
  }

  /** Runs the command under {@code /usr/bin/time -v} where it exists, in {@code work}. */
  static Run measure(List<String> command, Map<String, String> env, Path work) throws IOException {
    boolean timed = Files.isExecutable(TIME);
    List<String> full = new ArrayList<>();
    if (timed) full.addAll(List.of(TIME.toString(), "-v"));
    full.addAll(command);
    ProcessBuilder builder = new ProcessBuilder(full).redirectOutput(work.resolve("stdout.txt").toFile())
        .redirectError(work.resolve("stderr.txt").toFile());
    builder.environment().clear();
    builder.environment().putAll(env);
    long start = System.nanoTime();
    int exit;
    try {
      exit = builder.start().waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    String stderr = Files.readString(work.resolve("stderr.txt"), StandardCharsets.UTF_8);
    if (exit != 0) throw new IllegalStateException(String.join(" ", command) + " exited " + exit + ":\n" + stderr);
    String stdout = Files.readString(work.resolve("stdout.txt"), StandardCharsets.UTF_8);
    if (!timed) return new Run(elapsed, Optional.empty(), Optional.empty(), stdout);
    Matcher wall = WALL.matcher(stderr);
    Matcher rss = RSS.matcher(stderr);
    Matcher cpu = CPU.matcher(stderr);
    double cpuSeconds = 0;
    while (cpu.find()) cpuSeconds += Double.parseDouble(cpu.group(1));
    return new Run(wall.find() ? seconds(wall.group(1).trim()) : elapsed,
        rss.find() ? Optional.of(Long.parseLong(rss.group(1))) : Optional.empty(), Optional.of(cpuSeconds), stdout);
  }

  /** {@code 1:02.31} or {@code 0:01.20} as seconds. */
  static double seconds(String clock) {
    String[] parts = clock.split(":");
    double total = 0;
    for (String part : parts) total = total * 60 + Double.parseDouble(part);
    return total;
  }

  /** Where this module's classes are, for {@code SHIPSHAPE_CLASSPATH}. */
  static String ownClassPath() {
    try {
      return Path.of(TenantWorkload.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int countFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return (int) files.count();
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
