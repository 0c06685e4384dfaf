package dev.shipshape.cli.internal.daemon;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * One client's command in the daemon: what the client's process would have given the command (a console or not,
 * Ctrl-C) and whether the client could write what the command printed.
 */
public final class DaemonSession {
  private final boolean console;
  private final FrameWriter writer;
  private final PrintStream out;
  private final PrintStream err;
  private final List<Runnable> interruptActions = new ArrayList<>();
  private final BlockingQueue<Boolean> syncAnswers = new LinkedBlockingQueue<>();
  private boolean finished;

  DaemonSession(boolean console, FrameWriter writer, PrintStream out, PrintStream err) {
    this.console = console;
    this.writer = writer;
    this.out = out;
    this.err = err;
  }

  /** True when the client's standard input and output are a terminal. */
  public boolean console() {
    return console;
  }

  /**
   * Runs {@code action} when the client is interrupted (Ctrl-C) or goes away; the command then ends with exit code
   * 130, and the daemon with it, as a JVM does on Ctrl-C. Returns what unregisters the action.
   */
  public Runnable onInterrupt(Runnable action) {
    synchronized (interruptActions) {
      interruptActions.add(action);
    }
    return () -> {
      synchronized (interruptActions) {
        interruptActions.remove(action);
      }
    };
  }

  /**
   * Asks the client whether it could write all of standard output so far (false when it did). It answers once it
   * has written everything before, which takes as long as its reader takes (a pager): no time-out. A client that
   * goes away ends the daemon instead ({@link #interrupt}).
   */
  public boolean outputLost() {
    out.flush();
    try {
      writer.sync();
      return syncAnswers.take();
    } catch (IOException e) {
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }

  void syncAnswer(boolean lost) {
    syncAnswers.add(lost);
  }

  /** Sends the exit code, unless the command was interrupted. */
  void finish(int code) throws IOException {
    synchronized (this) {
      if (finished) return;
      finished = true;
    }
    out.flush();
    err.flush();
    writer.exit(code);
  }

  /**
   * The client was interrupted or went away: runs the command's interrupt actions, sends exit code 130 and ends
   * the daemon, which stops the command wherever it is, as Ctrl-C stops a JVM.
   */
  void interrupt() {
    synchronized (this) {
      if (finished) return;
      finished = true;
    }
    List<Runnable> actions;
    synchronized (interruptActions) {
      actions = new ArrayList<>(interruptActions);
    }
    for (Runnable action : actions) {
      try {
        action.run();
      } catch (RuntimeException e) {
        // The next action and the exit code still matter more than this failure.
      }
    }
    out.flush();
    err.flush();
    try {
      writer.exit(130);
    } catch (IOException e) {
      // The client is gone.
    }
    System.exit(130);
  }
}
