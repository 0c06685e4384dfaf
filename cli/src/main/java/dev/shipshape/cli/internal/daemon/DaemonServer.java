package dev.shipshape.cli.internal.daemon;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The daemon: serves the commands of clients of its own {@link DaemonIdentity} over a Unix socket, one command at a
 * time (a client that finds it busy runs the command itself), and ends after {@link #IDLE} without a command. The
 * client that starts it names the socket ({@value #SOCKET_PROPERTY}) and writes the identity's text to its standard
 * input: the daemon serves clients whose text is the same (its own environment may hold more, such as variables
 * the java launcher adds per process). It ignores SIGINT and SIGHUP, which a terminal sends to every process of a
 * job, where it cannot have a session of its own: a client's Ctrl-C reaches it as a {@link Frames#CANCEL} instead.
 */
public final class DaemonServer {
  /** The system property that makes a JVM started from the command line's main class a daemon. */
  public static final String SERVE_PROPERTY = "shipshape.daemon.serve";
  /** The system property naming the daemon's socket. */
  static final String SOCKET_PROPERTY = "shipshape.daemon.socket";
  /** How long a daemon waits for a command before it ends. */
  public static final Duration IDLE = Duration.ofMinutes(10);

  private final Path socket;
  private final String identity;
  private final CommandRunner runner;
  private final AtomicBoolean busy = new AtomicBoolean();
  private final AtomicLong lastUsed = new AtomicLong(System.nanoTime());

  private DaemonServer(Path socket, String identity, CommandRunner runner) {
    this.socket = socket;
    this.identity = identity;
    this.runner = runner;
  }

  /** True when this JVM was started as a daemon. */
  public static boolean requested() {
    return Boolean.getBoolean(SERVE_PROPERTY);
  }

  /**
   * Serves until idle; returns at once when another daemon serves this socket already.
   *
   * @throws IOException when the identity cannot be read or the socket cannot be made
   */
  public static void serve(CommandRunner runner) throws IOException {
    String socket = System.getProperty(SOCKET_PROPERTY);
    if (socket == null) throw new IOException("a daemon needs the system property " + SOCKET_PROPERTY);
    String identity = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
    new DaemonServer(Path.of(socket), identity, runner).serve();
  }

  @SuppressWarnings("try")
  private void serve() throws IOException {
    ignore("INT");
    ignore("HUP");
    Path lockPath = socket.resolveSibling(socket.getFileName().toString().replaceFirst("\\.sock$", "") + ".lock");
    try (FileChannel lockFile = FileChannel.open(lockPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = lockFile.tryLock()) {
      if (lock == null) return;
      Files.deleteIfExists(socket);
      try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
        server.bind(UnixDomainSocketAddress.of(socket));
        Runtime.getRuntime().addShutdownHook(new Thread(this::removeSocket, "shipshape-daemon-stop"));
        startIdleWatch();
        while (true) {
          SocketChannel client = server.accept();
          Thread connection = new Thread(() -> handle(client), "shipshape-daemon-connection");
          connection.setDaemon(true);
          connection.start();
        }
      }
    }
  }

  private void handle(SocketChannel channel) {
    try (channel) {
      DataInputStream in = new DataInputStream(Frames.in(channel));
      FrameWriter writer = new FrameWriter(channel);
      // The version first: a client of another version may send what this one cannot read.
      if (in.readInt() != Frames.VERSION || !Frames.readText(in).equals(identity)) {
        writer.answer(Frames.OTHER_IDENTITY);
        return;
      }
      boolean console = in.readBoolean();
      Charset encoding = charset(Frames.readText(in));
      int count = in.readInt();
      if (count < 0 || count > Frames.MAX_ARGUMENTS) throw new IOException(count + " arguments");
      String[] args = new String[count];
      for (int i = 0; i < args.length; i++) args[i] = Frames.readText(in);
      if (!busy.compareAndSet(false, true)) {
        writer.answer(Frames.BUSY);
        return;
      }
      boolean ran = false;
      try {
        writer.answer(Frames.ACCEPTED);
        // The client confirms: one that gave up waiting runs the command itself, so this one must not.
        if (in.read() != Frames.GO) return;
        run(args, console, encoding, in, writer);
        ran = true;
      } finally {
        lastUsed.set(System.nanoTime());
        busy.set(false);
      }
      // What the command built is garbage now: collecting it while the user reads the answer spares the next
      // command the collections (and the copying of a large spec) that this garbage would cost it.
      if (ran) System.gc();
    } catch (IOException e) {
      // The client went away before its command started.
    }
  }

  private void run(String[] args, boolean console, Charset encoding, DataInputStream in, FrameWriter writer)
      throws IOException {
    PrintStream out = new PrintStream(new BufferedOutputStream(writer.stream(Frames.OUT), 1 << 13), true, encoding);
    PrintStream err = new PrintStream(new BufferedOutputStream(writer.stream(Frames.ERR), 1 << 13), true, encoding);
    DaemonSession session = new DaemonSession(console, writer, out, err);
    Thread listener = new Thread(() -> listen(in, session), "shipshape-daemon-client");
    listener.setDaemon(true);
    listener.start();
    PrintStream systemOut = System.out;
    PrintStream systemErr = System.err;
    System.setOut(out);
    System.setErr(err);
    try {
      session.finish(runner.run(args, session));
    } catch (RuntimeException e) {
      err.println("shipshape: internal error in the daemon: " + e + " (run again with SHIPSHAPE_DAEMON=0)");
      session.finish(Frames.INTERNAL_ERROR);
    } catch (Error e) {
      // A JVM that ran out of memory or failed to initialize a class is not fit for the next command.
      err.println("shipshape: " + e + " — the daemon ends; run the command again");
      try {
        session.finish(Frames.INTERNAL_ERROR);
      } finally {
        System.exit(Frames.INTERNAL_ERROR);
      }
    } finally {
      System.setOut(systemOut);
      System.setErr(systemErr);
    }
  }

  /** The client's messages: answers to {@link Frames#SYNC}, and Ctrl-C or the end of the connection. */
  private static void listen(DataInputStream in, DaemonSession session) {
    try {
      while (true) {
        int message = in.read();
        if (message == Frames.SYNC) {
          session.syncAnswer(in.readBoolean());
        } else {
          session.interrupt();
          return;
        }
      }
    } catch (IOException e) {
      session.interrupt();
    }
  }

  private void startIdleWatch() {
    Thread watch = new Thread(() -> {
      while (true) {
        try {
          Thread.sleep(Duration.ofSeconds(5).toMillis());
        } catch (InterruptedException e) {
          return;
        }
        boolean idle = System.nanoTime() - lastUsed.get() > IDLE.toNanos();
        if (idle && busy.compareAndSet(false, true)) System.exit(0);
      }
    }, "shipshape-daemon-idle");
    watch.setDaemon(true);
    watch.start();
  }

  private void removeSocket() {
    try {
      Files.deleteIfExists(socket);
    } catch (IOException e) {
      // A stale socket is replaced by the next daemon.
    }
  }

  /** The client's encoding of standard output, or this JVM's default when this one does not know it. */
  private static Charset charset(String name) {
    try {
      return Charset.forName(name);
    } catch (IllegalArgumentException e) {
      return Charset.defaultCharset();
    }
  }

  private static void ignore(String signal) {
    sun.misc.Signal.handle(new sun.misc.Signal(signal), sun.misc.SignalHandler.SIG_IGN);
  }
}
