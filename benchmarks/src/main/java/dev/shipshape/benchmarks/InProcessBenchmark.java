package dev.shipshape.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The JMH settings the in-process benchmarks share, read by JMH from this superclass: one state per benchmark, the
 * average time in milliseconds, 3 warm-up and 5 measured iterations of 2 s each, in one forked JVM. A benchmark
 * annotates its own class to differ (JMH takes the subclass's annotation first); the command line overrides them
 * for a run ({@code -wi}, {@code -i}, {@code -f}, {@code -tu}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public abstract class InProcessBenchmark {
}
