package dev.shipshape.core.internal.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.shipshape.core.ClusterSpec;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code SpecContext.shared}: computed once per key, also when checks on several threads ask at the same time. */
class SharedValueTest {
  private final CompiledSpec spec = new CompiledSpec(ClusterSpec.builder().name("shared").build(), List.of());

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void aSecondCallerWaitsForTheFirstOnesValueInsteadOfComputingItAgain() throws Exception {
    CountDownLatch computing = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    AtomicInteger computations = new AtomicInteger();
    Object value = new Object();
    CompletableFuture<Object> first = CompletableFuture.supplyAsync(() -> spec.shared("index", context -> {
      computations.incrementAndGet();
      computing.countDown();
      await(finish);
      return value;
    }));
    computing.await();
    CompletableFuture<Object> second = new CompletableFuture<>();
    Thread secondCaller = new Thread(() -> second.complete(spec.shared("index", context -> {
      computations.incrementAndGet();
      return new Object();
    })));
    secondCaller.start();
    // The second caller parks in the first one's task (or, were it to compute the value itself, ends); only then
    // may the first one finish.
    while (secondCaller.getState() != Thread.State.WAITING && secondCaller.getState() != Thread.State.TERMINATED) {
      Thread.onSpinWait();
    }
    finish.countDown();

    assertThat(first.get()).isSameAs(value);
    assertThat(second.get()).isSameAs(value);
    assertThat(computations).hasValue(1);
    assertThat(spec.<Object>shared("other", context -> null)).isNull();
  }

  @Test
  void anExceptionOfTheComputationReachesEveryCallerOfThatKey() {
    AtomicInteger computations = new AtomicInteger();
    IllegalStateException failure = new IllegalStateException("no index");
    for (int i = 0; i < 2; i++) {
      assertThat(catchThrowable(() -> spec.shared("failing", context -> {
        computations.incrementAndGet();
        throw failure;
      }))).isSameAs(failure);
    }
    assertThat(computations).hasValue(1);
  }

  @Test
  void askingForAValueWhileComputingItFailsInsteadOfWaitingForEver() {
    Throwable thrown = catchThrowable(() -> spec.shared("loop", context -> context.shared("loop", inner -> 1)));
    assertThat(thrown).isInstanceOf(IllegalStateException.class)
        .hasMessage("the shared value loop was asked for while it was being computed");
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
