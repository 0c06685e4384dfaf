package dev.shipshape.core.internal.apply;

import dev.shipshape.core.apply.ApplyInterceptor;
import dev.shipshape.core.apply.ApplyStrategy;
import dev.shipshape.core.apply.ResourceResult;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Chooses the strategy of each request. With {@link ApplyStrategy#AUTO} the run starts with server-side apply and
 * settles on the first answer: a 415 (the server cannot apply at all, e.g. fabric8's mock server) switches the run
 * to client-side writes without counting against retries. A 404 for a new object may mean "cannot apply" (the
 * mock server) or a missing namespace or kind (a real server): that object tries a client-side create, and only its
 * success switches the run over. Other strategies pass through unchanged.
 */
final class StrategyFallbackStep implements ApplyInterceptor {
  /** The strategy in force; AUTO turns into SERVER_SIDE or CLIENT_SIDE at the first answer and stays. */
  private final AtomicReference<ApplyStrategy> strategy;

  StrategyFallbackStep(ApplyStrategy strategy) {
    this.strategy = new AtomicReference<>(strategy);
  }

  @Override
  public ResourceResult intercept(Chain chain) {
    WriteState state = WriteChain.state(chain);
    while (true) {
      ApplyStrategy used = state.probingClientSide ? ApplyStrategy.CLIENT_SIDE : strategy.get();
      state.strategy = used;
      try {
        ResourceResult result = chain.proceed(chain.desired());
        strategy.compareAndSet(ApplyStrategy.AUTO,
            state.probingClientSide ? ApplyStrategy.CLIENT_SIDE : ApplyStrategy.SERVER_SIDE);
        return result;
      } catch (WriteFailure e) {
        int code = e.failure.code.orElse(0);
        if (used == ApplyStrategy.AUTO && code == 415) {
          strategy.compareAndSet(ApplyStrategy.AUTO, ApplyStrategy.CLIENT_SIDE);
        } else if (used == ApplyStrategy.AUTO && code == 404 && !state.exists) {
          state.probingClientSide = true;
        } else {
          throw e;
        }
      }
    }
  }
}
