package dev.shipshape.cli;

import dev.shipshape.cli.cluster.ClusterTarget;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * A connection to the cluster that is opened while the spec is loaded and planned: creating the client, loading
 * its classes and the first TLS handshake of the reachability probe take about as long as planning a large spec,
 * and need no plan. {@link #join} gives the target, or throws what connecting threw, at the point where the command
 * connected before; when the planning {@link #during} fails, the target is closed once connected.
 */
final class PendingConnection {
  private final CompletableFuture<ClusterTarget> target;
  private final Optional<Supplier<ClusterTarget>> onJoin;

  private PendingConnection(CompletableFuture<ClusterTarget> target, Optional<Supplier<ClusterTarget>> onJoin) {
    this.target = target;
    this.onJoin = onJoin;
  }

  /** Starts connecting now, on a daemon thread. */
  static PendingConnection started(Supplier<ClusterTarget> connect) {
    CompletableFuture<ClusterTarget> target = new CompletableFuture<>();
    Thread thread = new Thread(() -> {
      try {
        target.complete(connect.get());
      } catch (RuntimeException | Error e) {
        target.completeExceptionally(e);
      }
    }, "shipshape-connect");
    thread.setDaemon(true);
    thread.start();
    return new PendingConnection(target, Optional.empty());
  }

  /** Connects only when {@link #join joined}, on the caller's thread. */
  static PendingConnection deferred(Supplier<ClusterTarget> connect) {
    return new PendingConnection(new CompletableFuture<>(), Optional.of(connect));
  }

  /** The connected target (the caller closes it); what connecting threw, as it was thrown. */
  ClusterTarget join() {
    if (onJoin.isPresent()) return onJoin.get().get();
    try {
      return target.join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) throw (RuntimeException) cause;
      if (cause instanceof Error) throw (Error) cause;
      throw e;
    }
  }

  /** Runs {@code work} (loading and planning the spec); when it throws, the connection will not be used. */
  <T> T during(Supplier<T> work) {
    try {
      return work.get();
    } catch (RuntimeException | Error e) {
      abandon();
      throw e;
    }
  }

  /** Closes the target once it is connected, for a command that will not use it. */
  private void abandon() {
    target.thenAccept(ClusterTarget::close);
  }
}
