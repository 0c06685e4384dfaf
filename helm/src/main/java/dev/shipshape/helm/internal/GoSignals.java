package dev.shipshape.helm.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Gives the JVM back the signals that Helm's Go code takes. Helm runs inside this process (helm-java loads it as a
 * shared library), and its install and template actions call Go's {@code signal.Notify} for SIGINT and SIGTERM,
 * which installs Go's own handler for them: from then on the JVM never sees those signals, so {@code kill} (SIGTERM)
 * no longer ends the process nor runs its shutdown hooks (see Go's {@code os/signal} documentation, "Non-Go
 * programs that call Go code"). After each call into Helm, the handlers this JVM had before its first call are
 * installed again: Java's own (exit through the shutdown hooks), or the process's choice to ignore a signal.
 *
 * <p>Limits: a signal that arrives during a call is Go's (it cancels that call, as Helm's command line does); a
 * handler the program installs after its first call into Helm is replaced by the one read before it; under
 * {@code -Xrs} the JVM keeps these signals from Java code, so they cannot be given back; on Windows, Go's console
 * handler is not undone.
 */
public final class GoSignals {
  /** The signals Go's runtime may take for itself; the others are left alone. */
  private static final String[] TAKEN = {"INT", "TERM", "HUP"};

  private GoSignals() {}

  /** Runs {@code helmCall} and gives the JVM its signal handlers back, also when the call fails. */
  public static <T> T restoring(Supplier<T> helmCall) {
    Map<Signal, SignalHandler> handlers = Jvm.HANDLERS;
    try {
      return helmCall.get();
    } finally {
      handlers.forEach(GoSignals::install);
    }
  }

  private static SignalHandler install(Signal signal, SignalHandler handler) {
    try {
      return Signal.handle(signal, handler);
    } catch (IllegalArgumentException e) {
      // The JVM keeps this signal to itself (-Xrs) or the platform has no such signal: nothing to give back.
      return null;
    }
  }

  /** The handlers of the JVM, read once, before the first call into Helm (the holder is loaded by that call). */
  private static final class Jvm {
    static final Map<Signal, SignalHandler> HANDLERS = read();

    private static Map<Signal, SignalHandler> read() {
      Map<Signal, SignalHandler> handlers = new LinkedHashMap<>();
      for (String name : TAKEN) {
        Signal signal;
        try {
          signal = new Signal(name);
        } catch (IllegalArgumentException e) {
          continue;
        }
        // Reading a handler means replacing it: the stand-in does what the handler read does, should the signal
        // come in between.
        Forwarding standIn = new Forwarding();
        SignalHandler current = install(signal, standIn);
        if (current == null) continue;
        standIn.target = current;
        install(signal, current);
        handlers.put(signal, current);
      }
      return Map.copyOf(handlers);
    }
  }

  /** Passes a signal to the handler it stands in for; one that arrives before that is known exits as Java does. */
  private static final class Forwarding implements SignalHandler {
    private volatile SignalHandler target;

    @Override
    public void handle(Signal signal) {
      SignalHandler to = target;
      if (to == SignalHandler.SIG_IGN) return;
      if (to != null && to != SignalHandler.SIG_DFL) {
        try {
          to.handle(signal);
          return;
        } catch (UnsupportedOperationException e) {
          // A native handler (Go's, when Helm was called before this class read the handlers): Java cannot call it.
        }
      }
      System.exit(128 + signal.getNumber());
    }
  }
}
