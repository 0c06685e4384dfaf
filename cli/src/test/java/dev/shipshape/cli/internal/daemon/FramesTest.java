package dev.shipshape.cli.internal.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipshape.cli.Shipshape;
import dev.shipshape.cli.spi.ExitCode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FramesTest {
  @Test
  void textOfAnyLengthRoundTrips() throws IOException {
    String text = "variable PATH=/usr/bin\0".repeat(5_000) + "é";
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Frames.writeText(new DataOutputStream(bytes), text);

    assertThat(Frames.readText(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())))).isEqualTo(text);
  }

  @Test
  void aNegativeLengthIsRefused() {
    byte[] negative = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff};

    assertThatThrownBy(() -> Frames.readText(new DataInputStream(new ByteArrayInputStream(negative))))
        .isInstanceOf(IOException.class).hasMessage("text of -1 bytes");
  }

  @Test
  void theClientJarsConstantsMatchTheCommandLine() {
    assertThat(Frames.INTERNAL_ERROR).isEqualTo(ExitCode.INTERNAL.code());
    assertThat(DaemonClient.MAIN_CLASS).isEqualTo(Shipshape.class.getName());
    assertThat(Arrays.stream(ExitCode.values()).mapToInt(ExitCode::code)).doesNotContain(DaemonClient.RUN_DIRECTLY);
  }

  @Test
  void onlyTheShellNeedsAJvmOfItsOwn() {
    assertThat(DaemonClient.servable("shell", "spec.jsh")).isFalse();
    assertThat(DaemonClient.servable("--verbose", "shell")).isFalse();
    assertThat(DaemonClient.servable("plan", "shell.jsh")).isTrue();
    assertThat(DaemonClient.servable("--version")).isTrue();
    assertThat(DaemonClient.servable("@arguments")).isFalse();
  }
}
