package dev.shipshape.core.internal.apply;

import dev.shipshape.core.apply.ApplyInterceptor;
import dev.shipshape.core.apply.ApplyListener;
import dev.shipshape.core.apply.ResourceResult;
import dev.shipshape.core.apply.RetryPolicy;
import java.time.Duration;

/**
 * Retries transient failures (429, 5xx, lost connections, create races) as the retry policy allows, announcing
 * each retry ({@code resourceRetry}); a failure that is not transient, or the last one allowed, goes up the chain
 * (the latter saying how many attempts were made).
 */
final class RetryStep implements ApplyInterceptor {
  private final RetryPolicy policy;
  private final ApplyListener listener;

  RetryStep(RetryPolicy policy, ApplyListener listener) {
    this.policy = policy;
    this.listener = listener;
  }

  @Override
  public ResourceResult intercept(Chain chain) {
    WriteState state = WriteChain.state(chain);
    int transientFailures = 0;
    while (true) {
      try {
        return chain.proceed(chain.desired());
      } catch (WriteFailure e) {
        if (!e.failure.transientFailure) throw e;
        transientFailures++;
        int attempts = state.attempts;
        if (transientFailures >= policy.maxAttempts()) {
          throw e.withMessage(e.getMessage() + " (gave up after " + attempts
              + (attempts == 1 ? " attempt)" : " attempts)"));
        }
        Duration delay = policy.delayAfter(transientFailures, e.failure.retryAfter);
        listener.resourceRetry(chain.resource(), attempts, delay, e.shown());
        if (!sleep(delay)) {
          throw new WriteFailure(Failure.local("interrupted while waiting to retry"), e.shown());
        }
      }
    }
  }

  private static boolean sleep(Duration delay) {
    try {
      Thread.sleep(delay.toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
