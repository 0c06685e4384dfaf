package dev.shipshape.cli.internal.daemon;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.SocketChannel;

/** The daemon's side of a connection: frames written whole, from any thread. */
final class FrameWriter {
  private final DataOutputStream out;

  FrameWriter(SocketChannel channel) {
    this.out = new DataOutputStream(new BufferedOutputStream(Frames.out(channel), 1 << 16));
  }

  synchronized void answer(byte answer) throws IOException {
    out.writeByte(answer);
    out.flush();
  }

  synchronized void data(byte stream, byte[] bytes, int offset, int length) throws IOException {
    out.writeByte(stream);
    out.writeInt(length);
    out.write(bytes, offset, length);
    out.flush();
  }

  synchronized void sync() throws IOException {
    out.writeByte(Frames.SYNC);
    out.flush();
  }

  synchronized void exit(int code) throws IOException {
    out.writeByte(Frames.EXIT);
    out.writeInt(code);
    out.flush();
  }

  /** Standard output ({@link Frames#OUT}) or error ({@link Frames#ERR}) as a stream of data frames. */
  OutputStream stream(byte stream) {
    return Frames.stream((bytes, offset, length) -> {
      if (length > 0) data(stream, bytes, offset, length);
    });
  }
}
