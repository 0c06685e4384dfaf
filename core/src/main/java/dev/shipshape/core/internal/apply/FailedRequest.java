package dev.shipshape.core.internal.apply;

/** A request that failed for good after the retries its failure allowed. */
final class FailedRequest extends RuntimeException {
  private static final long serialVersionUID = 1L;

  final transient Failure failure;
  final int attempts;

  FailedRequest(Failure failure, int attempts, Throwable cause) {
    super(failure.message, cause, false, false);
    this.failure = failure;
    this.attempts = attempts;
  }
}
