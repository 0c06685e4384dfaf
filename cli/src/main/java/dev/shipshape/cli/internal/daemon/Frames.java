package dev.shipshape.cli.internal.daemon;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * The daemon's protocol over its Unix socket. The client sends {@link #VERSION}, the identity's text, whether it
 * has a console, the encoding of its standard output, and the arguments (their count, then each as text); the daemon answers {@link #ACCEPTED} (or
 * {@link #BUSY} / {@link #OTHER_IDENTITY}, and closes); the client confirms with {@link #GO} (a client that gave
 * up waiting closes instead, and the command is not run); then the daemon sends standard output and error as they are written ({@link #OUT}, {@link #ERR}: length and bytes),
 * {@link #SYNC} when it asks whether the client could write everything (the client answers {@link #SYNC} and a
 * boolean: lost), and {@link #EXIT} with the exit code. The client may send {@link #CANCEL} (Ctrl-C) at any time.
 * The native client ({@code src/main/c}) speaks it too.
 */
final class Frames {
  static final int VERSION = 3;
  static final byte ACCEPTED = 'A';
  static final byte BUSY = 'B';
  static final byte OTHER_IDENTITY = 'I';
  static final byte OUT = 'O';
  static final byte ERR = 'E';
  static final byte SYNC = 'S';
  static final byte EXIT = 'X';
  static final byte CANCEL = 'C';
  static final byte GO = 'G';
  /** The command line's exit code for an internal error ({@code ExitCode.INTERNAL}; the client jar has no table). */
  static final int INTERNAL_ERROR = 6;

  /** The longest text (identity or argument) a daemon reads. */
  private static final int MAX_TEXT = 1 << 24;
  /** The most arguments a daemon reads. */
  static final int MAX_ARGUMENTS = 1 << 16;

  private Frames() {}

  /** Text of any length (an identity holds every environment variable): its UTF-8 length, then the bytes. */
  static void writeText(DataOutputStream out, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  static String readText(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0 || length > MAX_TEXT) throw new IOException("text of " + length + " bytes");
    byte[] bytes = new byte[length];
    in.readFully(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /**
   * The channel's input as a stream. Not {@code Channels.newInputStream}: its reads and the writes of
   * {@code Channels.newOutputStream} hold one lock, so a blocked read would block every write.
   */
  static InputStream in(SocketChannel channel) {
    return new InputStream() {
      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] bytes, int offset, int length) throws IOException {
        return length == 0 ? 0 : channel.read(ByteBuffer.wrap(bytes, offset, length));
      }
    };
  }

  /** The channel's output as a stream; see {@link #in}. */
  static OutputStream out(SocketChannel channel) {
    return stream(new SliceWriter() {
      @Override
      public void write(byte[] bytes, int offset, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
        while (buffer.hasRemaining()) channel.write(buffer);
      }
    });
  }

  /** An output stream that hands every write to {@code writer} as a whole slice. */
  static OutputStream stream(SliceWriter writer) {
    return new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] bytes, int offset, int length) throws IOException {
        writer.write(bytes, offset, length);
      }
    };
  }

  /** Writes a slice of an array. */
  @FunctionalInterface
  interface SliceWriter {
    void write(byte[] bytes, int offset, int length) throws IOException;
  }
}
