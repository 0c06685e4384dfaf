package dev.shipshape.core.internal.apply;

/**
 * A write that failed, as it travels up the chain: the failure's meaning (retry it or not, the status code, the
 * message reported) and, as cause, what listeners are shown (the client's exception, or for a Secret a stand-in
 * without the server's quoted values).
 */
final class WriteFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  final transient Failure failure;

  WriteFailure(Failure failure, Throwable cause) {
    super(failure.message, cause, false, false);
    this.failure = failure;
  }

  /** The same failure reported with another message. */
  WriteFailure withMessage(String message) {
    return new WriteFailure(failure.withMessage(message), getCause());
  }

  /** What listeners are shown as the cause. */
  Throwable shown() {
    return getCause() != null ? getCause() : this;
  }
}
