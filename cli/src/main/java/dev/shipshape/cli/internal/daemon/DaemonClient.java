package dev.shipshape.cli.internal.daemon;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The client of {@code SHIPSHAPE_DAEMON=1}, run by {@code bin/shipshape} from a jar of its own: hands the command
 * line to the daemon of this run's {@link DaemonIdentity} and relays its output and exit code; when there is no
 * daemon yet, it starts one and waits for it. It exits with {@link #RUN_DIRECTLY}, on which the launcher runs the
 * command in a JVM of its own, when the daemon cannot be started, is busy with another command or does not answer, when the socket's name belongs to another identity, for {@code shell} (it reads the terminal) and for
 * arguments from an {@code @file} (which may name {@code shell}); and, with a warning, when the daemon cannot be
 * used at all (a socket path too long, a socket directory others may open).
 *
 * <p>The client's code (this class, {@link DaemonIdentity}, {@link Frames}, {@link Sockets}) does without lambdas,
 * method references, streams, regular expressions and format strings, and the module concatenates strings without
 * {@code invokedynamic}: in the cold JVM that each command starts, setting those up took longer than the rest of the
 * client's work.
 *
 * <p>{@code bin/shipshape} prefers the native client ({@code src/main/c/shipshape-daemon-client.c}) where the build
 * compiled it: it does what this class does, with the same protocol and identity, without a JVM's start. A change to
 * either changes both; the daemon tests hold both clients to one contract.
 */
public final class DaemonClient {
  /** The exit code that tells the launcher to run the command in a JVM of its own; no command exits with it. */
  public static final int RUN_DIRECTLY = 254;
  /** The command line's main class, which becomes the daemon with {@link DaemonServer#SERVE_PROPERTY}. */
  static final String MAIN_CLASS = "dev.shipshape.cli.Shipshape";
  /** How long Ctrl-C waits for the daemon's last words (the partial report of an apply). */
  private static final long CANCEL_WAIT_SECONDS = 10;
  /** How long a daemon may take to answer a command: one that does not is stopped or stuck. */
  private static final long ACCEPT_WAIT_MILLIS = 5_000;
  /** How long the client waits for a daemon it started to listen. */
  private static final long START_WAIT_MILLIS = 10_000;
  private static final Path SETSID = Path.of("/usr/bin/setsid");

  private final SocketChannel channel;
  private final DataInputStream in;
  private final DataOutputStream out;
  /** Waiting for the daemon's answer, then either going on with the command or timed out: one of them wins. */
  private final AtomicReference<Handshake> handshake = new AtomicReference<>(Handshake.WAITING);
  private final CountDownLatch done = new CountDownLatch(1);
  private volatile int exitCode = 130;

  private DaemonClient(SocketChannel channel) {
    this.channel = channel;
    this.in = new DataInputStream(new BufferedInputStream(Frames.in(channel), 1 << 16));
    this.out = new DataOutputStream(new BufferedOutputStream(Frames.out(channel)));
  }

  /** Runs the command in the daemon and exits with its exit code, or with {@link #RUN_DIRECTLY}. */
  public static void main(String[] args) {
    int exitCode;
    try {
      exitCode = run(args).orElse(RUN_DIRECTLY);
    } catch (RuntimeException e) {
      // Failures before the daemon accepted a command are caught where they happen: the command has not run then.
      System.err.println("shipshape: the daemon's client failed: " + e + "; run the command again without the daemon"
          + " (SHIPSHAPE_DAEMON=0)");
      exitCode = Frames.INTERNAL_ERROR;
    }
    System.exit(exitCode);
  }

  /** False for {@code shell}, which reads the terminal, and for arguments read from an {@code @file}. */
  static boolean servable(String... args) {
    for (String arg : args) {
      if (arg.startsWith("@")) return false;
      if (!arg.startsWith("-")) return !arg.equals("shell");
    }
    return true;
  }

  /**
   * Runs the command in the daemon (started first when there is none) and returns its exit code, or empty when it
   * must run in a JVM of its own. Once the daemon has accepted the command, the answer is the daemon's: the command
   * is never run twice.
   */
  static OptionalInt run(String[] args) {
    Optional<DaemonIdentity> found;
    try {
      found = DaemonIdentity.current();
    } catch (RuntimeException e) {
      return OptionalInt.empty();
    }
    if (found.isEmpty() || !servable(args)) return OptionalInt.empty();
    DaemonIdentity identity = found.get();
    if (!identity.socketFits()) {
      return warn("the path of its socket, " + identity.socket() + ", is too long for a Unix socket: set "
          + "XDG_RUNTIME_DIR to a shorter directory");
    }
    if (Files.exists(identity.directory()) && !Sockets.isPrivate(identity.directory())) {
      return warn(identity.directory() + " may be opened by other users: make it yours alone (chmod 700) or "
          + "remove it");
    }
    Optional<SocketChannel> connected = connect(identity);
    if (connected.isEmpty()) connected = start(identity);
    if (connected.isEmpty()) return OptionalInt.empty();
    try (SocketChannel channel = connected.get()) {
      return new DaemonClient(channel).relay(identity, args);
    } catch (IOException e) {
      return OptionalInt.empty();
    }
  }

  private static OptionalInt warn(String problem) {
    System.err.println("shipshape: SHIPSHAPE_DAEMON=1, but " + problem + "; the command runs without the daemon");
    return OptionalInt.empty();
  }

  /** Sends the command; empty unless the daemon accepts it in time. */
  private OptionalInt relay(DaemonIdentity identity, String[] args) throws IOException {
    Thread deadline = new Thread("shipshape-daemon-deadline") {
      @Override
      public void run() {
        closeUnlessAccepted();
      }
    };
    deadline.setDaemon(true);
    deadline.start();
    out.writeInt(Frames.VERSION);
    Frames.writeText(out, identity.text());
    out.writeBoolean(System.console() != null);
    Frames.writeText(out, standardOutputEncoding());
    out.writeInt(args.length);
    for (String arg : args) Frames.writeText(out, arg);
    out.flush();
    if (in.readByte() != Frames.ACCEPTED || !handshake.compareAndSet(Handshake.WAITING, Handshake.GO)) return OptionalInt.empty();
    out.writeByte(Frames.GO);
    out.flush();
    Thread onInterrupt = new Thread("shipshape-daemon-cancel") {
      @Override
      public void run() {
        cancel();
      }
    };
    Runtime.getRuntime().addShutdownHook(onInterrupt);
    try {
      relayFrames();
    } catch (IOException e) {
      System.err.println("shipshape: the daemon ended before the command did (" + e.getMessage() + "); run it "
          + "again, or without the daemon (SHIPSHAPE_DAEMON=0)");
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

  /**
   * How a JVM of the command's own would encode standard output: {@code stdout.encoding} (JDK 19 and later), else
   * the default charset (JDK 17).
   */
  private static String standardOutputEncoding() {
    return System.getProperty("stdout.encoding", Charset.defaultCharset().name());
  }

  /** A daemon that does not answer in time (stopped, stuck) is left alone: the command runs without it. */
  private void closeUnlessAccepted() {
    try {
      Thread.sleep(ACCEPT_WAIT_MILLIS);
      if (handshake.compareAndSet(Handshake.WAITING, Handshake.TIMED_OUT)) channel.close();
    } catch (InterruptedException | IOException e) {
      // The reading thread finds out either way.
    }
  }

  private void relayFrames() throws IOException {
    byte[] buffer = new byte[1 << 16];
    while (true) {
      byte frame = in.readByte();
      switch (frame) {
        case Frames.OUT:
        case Frames.ERR:
          int length = in.readInt();
          if (length < 0) throw new IOException("a frame of " + length + " bytes");
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
          throw new IOException("unknown frame " + frame);
      }
    }
  }

  /**
   * The JVM is ending (Ctrl-C, or a signal to end): the daemon runs the command's interrupt actions and sends exit
   * code 130, then this JVM ends with it.
   */
  private void cancel() {
    if (done.getCount() == 0) Runtime.getRuntime().halt(exitCode);
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

  private static Optional<SocketChannel> connect(DaemonIdentity identity) {
    try {
      SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
      try {
        channel.connect(UnixDomainSocketAddress.of(identity.socket()));
        return Optional.of(channel);
      } catch (IOException e) {
        channel.close();
        return Optional.empty();
      }
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * Starts the daemon in the background, in this run's directory and environment, in a session of its own where
   * {@code setsid} exists (so that the terminal's job control does not reach it), writes it the identity's text, and
   * connects to it once it listens, so that the first command already warms it up. Empty when it cannot be started
   * or does not listen within {@link #START_WAIT_MILLIS}: the command then runs in a JVM of its own.
   */
  private static Optional<SocketChannel> start(DaemonIdentity identity) {
    List<String> command = new ArrayList<>();
    if (Files.isExecutable(SETSID)) command.add(SETSID.toString());
    command.add(identity.java());
    command.addAll(identity.options());
    command.add("-D" + DaemonServer.SERVE_PROPERTY + "=true");
    command.add("-D" + DaemonServer.SOCKET_PROPERTY + "=" + identity.socket());
    command.add("-cp");
    command.add(identity.classPath());
    command.add(MAIN_CLASS);
    Process daemon;
    try {
      Sockets.createPrivateDirectory(identity.directory());
      if (!Sockets.isPrivate(identity.directory())) return Optional.empty();
      daemon = new ProcessBuilder(command).directory(identity.workingDirectory().toFile())
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    } catch (IOException e) {
      return Optional.empty();
    }
    // On a thread of its own: a daemon that does not read its standard input (a JVM paused at start) would block
    // the write of a large identity for ever.
    IdentityWriter writer = new IdentityWriter(daemon.getOutputStream(), identity.text());
    writer.start();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_WAIT_MILLIS);
    while (System.nanoTime() < deadline) {
      Optional<SocketChannel> channel = connect(identity);
      if (channel.isPresent()) return channel;
      // A daemon that ended with 0 found another one serving the identity, which will answer; any other end is a
      // failure to start (such as a wrong option in SHIPSHAPE_JAVA_OPTS).
      if (!daemon.isAlive() && daemon.exitValue() != 0) return Optional.empty();
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
    }
    // A daemon that has not taken its whole identity by now would serve a cut one, if ever: stop it.
    if (!writer.written) daemon.destroyForcibly();
    return Optional.empty();
  }

  /** Writes a new daemon its identity, then closes its standard input. */
  private static final class IdentityWriter extends Thread {
    private final OutputStream stdin;
    private final String text;
    volatile boolean written;

    IdentityWriter(OutputStream stdin, String text) {
      super("shipshape-daemon-identity");
      this.stdin = stdin;
      this.text = text;
      setDaemon(true);
    }

    @Override
    public void run() {
      try (OutputStream out = stdin) {
        out.write(text.getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        // The daemon ended: the start loop sees it.
        return;
      }
      written = true;
    }
  }

  private enum Handshake {
    WAITING, GO, TIMED_OUT
  }
}
