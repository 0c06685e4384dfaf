package dev.shipshape.core.internal.apply;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What a failed request means for the executor: retry it (429, 5xx, connection failures, create races) or report
 * it (validation, authorization, field-manager conflicts), with the server's own message.
 */
final class Failure {
  final boolean transientFailure;
  final Optional<Integer> code;
  final String message;
  final Optional<Duration> retryAfter;
  final boolean alreadyExists;

  private Failure(boolean transientFailure, Optional<Integer> code, String message, Optional<Duration> retryAfter,
      boolean alreadyExists) {
    this.transientFailure = transientFailure;
    this.code = code;
    this.message = message;
    this.retryAfter = retryAfter;
    this.alreadyExists = alreadyExists;
  }

  /**
   * A failed create (POST): any 409 means the object exists by now, whatever reason the server gives (API servers
   * say AlreadyExists, some test servers only Conflict), so it is a race to settle by updating.
   */
  static Failure ofCreate(Throwable error) {
    Failure failure = of(error);
    if (failure.code.orElse(0) != 409 || failure.alreadyExists) return failure;
    KubernetesClientException k = find(error, KubernetesClientException.class);
    String serverMessage = k.getStatus() != null && k.getStatus().getMessage() != null ? k.getStatus().getMessage()
        : rootMessage(error);
    return new Failure(true, failure.code, "created concurrently by someone else: " + serverMessage,
        failure.retryAfter, true);
  }

  /** The same failure with another message (e.g. with Secret values hidden). */
  Failure withMessage(String newMessage) {
    return new Failure(transientFailure, code, newMessage, retryAfter, alreadyExists);
  }

  /** A failure that is not the server's: final, without status code. */
  static Failure local(String message) {
    return new Failure(false, Optional.empty(), message, Optional.empty(), false);
  }

  static Failure of(Throwable error) {
    KubernetesClientException k = find(error, KubernetesClientException.class);
    int code = k == null ? 0 : k.getCode();
    if (code <= 0) {
      // No HTTP answer (fabric8 reports -1 or 0). The client wraps transport failures (resets, closed
      // connections, timeouts) in a KubernetesClientException; their causes vary with the HTTP client in use.
      boolean network = k != null || find(error, IOException.class) != null;
      return new Failure(network, Optional.empty(), network ? "connection failed: " + rootMessage(error)
          : rootMessage(error), Optional.empty(), false);
    }
    Status status = k.getStatus();
    String serverMessage = status != null && status.getMessage() != null ? status.getMessage() : rootMessage(error);
    Optional<Duration> retryAfter = Optional.ofNullable(status).map(Status::getDetails)
        .map(d -> d.getRetryAfterSeconds()).filter(s -> s > 0).map(Duration::ofSeconds);
    String reason = status == null ? "" : String.valueOf(status.getReason());
    if (code == 409 && "AlreadyExists".equals(reason)) {
      return new Failure(true, Optional.of(code), "created concurrently by someone else: " + serverMessage,
          retryAfter, true);
    }
    if (code == 409) {
      return new Failure(false, Optional.of(code), conflictMessage(status, serverMessage), retryAfter, false);
    }
    // A 500 "field not declared in schema" is retried too: right after a CRD's schema changes, the server may
    // still judge its custom resources by the old one for a moment.
    boolean retry = code == 429 || code == 500 || code == 502 || code == 503 || code == 504;
    return new Failure(retry, Optional.of(code), "HTTP " + code + ": " + serverMessage, retryAfter, false);
  }

  /** A server-side apply conflict names the other managers and the fields they own, with the fix. */
  private static String conflictMessage(Status status, String serverMessage) {
    List<FieldConflicts.Conflict> conflicts = FieldConflicts.of(status);
    return conflicts.isEmpty() ? "HTTP 409 conflict: " + serverMessage : FieldConflicts.describe(conflicts);
  }

  static String rootMessage(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) root = root.getCause();
    String message = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    return root == error ? message : message + " (" + error.getClass().getSimpleName() + ")";
  }

  private static <T extends Throwable> T find(Throwable error, Class<T> type) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) return type.cast(t);
    }
    return null;
  }
}
