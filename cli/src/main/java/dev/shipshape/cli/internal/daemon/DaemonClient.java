package dev.shipshape.cli.internal.daemon;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The client of {@code SHIPSHAPE_DAEMON=1}, run by {@code bin/shipshape} from a jar of its own: hands the command
 * line to the daemon of this run's {@link DaemonIdentity} and relays its output and exit code. When there is no
 * daemon yet, it starts one in the background and exits with {@link #RUN_DIRECTLY}, on which the launcher runs the
 * command in a JVM of its own; so it does when the daemon is busy with another command, and for {@code shell},
 * which reads the terminal.
 */
public final class DaemonClient {
  /** The exit code that tells the launcher to run the command in a JVM of its own; no command exits with it. */
  public static final int RUN_DIRECTLY = 254;
  /** The command line's main class, which becomes the daemon with {@link DaemonServer#SERVE_PROPERTY}. */
  static final String MAIN_CLASS = "dev.shipshape.cli.Shipshape";
  /** How long Ctrl-C waits for the daemon's last words (the partial report of an apply). */
  private static final long CANCEL_WAIT_SECONDS = 10;

  private final DataInputStream in;
  private final DataOutputStream out;
  private final CountDownLatch done = new CountDownLatch(1);
  private volatile int exitCode = 130;

  private DaemonClient(SocketChannel channel) {
    this.in = new DataInputStream(new BufferedInputStream(Frames.in(channel), 1 << 16));
    this.out = new DataOutputStream(new BufferedOutputStream(Frames.out(channel)));
  }

  /** Runs the command in the daemon and exits with its exit code, or with {@link #RUN_DIRECTLY}. */
  public static void main(String[] args) {
    System.exit(run(args).orElse(RUN_DIRECTLY));
  }

  /** False for {@code shell}, which reads the terminal: it always runs in a JVM of its own. */
  static boolean servable(String... args) {
    for (String arg : args) {
      if (!arg.startsWith("-")) return !arg.equals("shell");
    }
    return true;
  }

  /**
   * Runs the command in the daemon and returns its exit code, or empty when it must run in a JVM of its own (no
   * daemon yet: one is started for the next command; the daemon is busy; the launcher gave no way to start one).
   */
  static OptionalInt run(String[] args) {
    Optional<DaemonIdentity> found = DaemonIdentity.current();
    if (found.isEmpty() || !servable(args)) return OptionalInt.empty();
    DaemonIdentity identity = found.get();
    SocketChannel channel;
    try {
      if (!Sockets.isPrivate(identity.directory())) throw new IOException("no private socket directory");
      channel = SocketChannel.open(StandardProtocolFamily.UNIX);
      channel.connect(UnixDomainSocketAddress.of(identity.socket()));
    } catch (IOException e) {
      start(identity);
      return OptionalInt.empty();
    }
    try (channel) {
      return new DaemonClient(channel).relay(identity, args);
    } catch (IOException e) {
      return OptionalInt.empty();
    }
  }

  private OptionalInt relay(DaemonIdentity identity, String[] args) throws IOException {
    out.writeInt(Frames.VERSION);
    Frames.writeText(out, identity.text());
    out.writeBoolean(System.console() != null);
    out.writeInt(args.length);
    for (String arg : args) out.writeUTF(arg);
    out.flush();
    if (in.readByte() != Frames.ACCEPTED) return OptionalInt.empty();
    Thread onInterrupt = new Thread(this::cancel, "shipshape-daemon-cancel");
    Runtime.getRuntime().addShutdownHook(onInterrupt);
    try {
      relayFrames();
    } catch (EOFException e) {
      System.err.println("shipshape: the daemon ended before the command did; run it again, or without the daemon"
          + " (SHIPSHAPE_DAEMON=0)");
      exitCode = Frames.INTERNAL_ERROR;
    } finally {
      done.countDown();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(onInterrupt);
    } catch (IllegalStateException e) {
      // Ctrl-C came as the command ended: the hook ends the JVM with the exit code.
    }
    return OptionalInt.of(exitCode);
  }

  private void relayFrames() throws IOException {
    byte[] buffer = new byte[1 << 16];
    while (true) {
      byte frame = in.readByte();
      switch (frame) {
        case Frames.OUT:
        case Frames.ERR:
          int length = in.readInt();
          if (length > buffer.length) buffer = new byte[length];
          in.readFully(buffer, 0, length);
          (frame == Frames.OUT ? System.out : System.err).write(buffer, 0, length);
          break;
        case Frames.SYNC:
          System.out.flush();
          synchronized (out) {
            out.writeByte(Frames.SYNC);
            out.writeBoolean(System.out.checkError());
            out.flush();
          }
          break;
        case Frames.EXIT:
          exitCode = in.readInt();
          System.out.flush();
          System.err.flush();
          return;
        default:
          throw new IOException("unknown frame " + frame + " from the daemon");
      }
    }
  }

  /** Ctrl-C: the daemon runs the command's interrupt actions and sends exit code 130; then this JVM ends with it. */
  private void cancel() {
    if (done.getCount() == 0) return;
    try {
      synchronized (out) {
        out.writeByte(Frames.CANCEL);
        out.flush();
      }
      done.await(CANCEL_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (IOException e) {
      // The daemon is gone: nothing more will come.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    System.out.flush();
    System.err.flush();
    Runtime.getRuntime().halt(exitCode);
  }

  /** Starts the daemon in the background, in this run's directory and environment; failures are silent. */
  private static void start(DaemonIdentity identity) {
    List<String> command = new ArrayList<>();
    command.add(identity.java());
    command.addAll(identity.options());
    command.add("-D" + DaemonServer.SERVE_PROPERTY + "=true");
    command.add("-D" + DaemonIdentity.JAVA_PROPERTY + "=" + identity.java());
    command.add("-D" + DaemonIdentity.OPTIONS_PROPERTY + "=" + String.join(" ", identity.options()));
    command.add("-D" + DaemonIdentity.CLASS_PATH_PROPERTY + "=" + identity.classPath());
    command.add("-cp");
    command.add(identity.classPath());
    command.add(MAIN_CLASS);
    try {
      Sockets.createPrivateDirectory(identity.directory());
      if (!Sockets.isPrivate(identity.directory())) return;
      Process daemon = new ProcessBuilder(command).directory(identity.workingDirectory().toFile())
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      daemon.getOutputStream().close();
    } catch (IOException e) {
      // Without a daemon, every command runs in its own JVM, as without SHIPSHAPE_DAEMON.
    }
  }
}
