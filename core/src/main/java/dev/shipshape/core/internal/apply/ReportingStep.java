package dev.shipshape.core.internal.apply;

import dev.shipshape.core.apply.ApplyInterceptor;
import dev.shipshape.core.apply.ApplyListener;
import dev.shipshape.core.apply.Outcome;
import dev.shipshape.core.apply.ResourceResult;
import dev.shipshape.core.plan.PlannedResource;

/**
 * The outermost step: announces the object ({@code resourceStart}), and turns what the rest of the chain returned or
 * threw into the object's result and its {@code resourceEnd} or {@code resourceFailed} event. A failure is a result,
 * never an exception, past this step.
 */
final class ReportingStep implements ApplyInterceptor {
  private final ApplyListener listener;

  ReportingStep(ApplyListener listener) {
    this.listener = listener;
  }

  @Override
  public ResourceResult intercept(Chain chain) {
    PlannedResource r = chain.resource();
    WriteState state = WriteChain.state(chain);
    listener.resourceStart(r);
    Failure failure;
    Throwable cause;
    try {
      ResourceResult result = chain.proceed(chain.desired());
      listener.resourceEnd(result);
      return result;
    } catch (WriteFailure e) {
      failure = e.failure;
      cause = e.shown();
    } catch (RuntimeException e) {
      // A step refused the object (an approval step, say) or broke: the object fails with its message.
      failure = Failure.of(e);
      cause = e;
    }
    ResourceResult failed = ResourceResult.builder().ref(r.ref()).wave(r.wave()).outcome(Outcome.FAILED)
        .attempts(state.attempts).addAllChanges(state.changes).message(failure.message).statusCode(failure.code)
        .build();
    listener.resourceFailed(failed, cause);
    return failed;
  }
}
