package dev.shipshape.networking.cli;

import dev.shipshape.networking.Protocol;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The {@code --port} of {@code shipshape reach}: {@code 8080}, {@code 8080/TCP} or {@code 53/UDP}, the protocol
 * defaulting to TCP as it does in a NetworkPolicy port.
 *
 * @param number the port number, 1 to 65535
 * @param protocol the transport protocol
 */
record ReachPort(int number, Protocol protocol) {
  private static final int MAX_PORT = 65535;
  private static final Pattern FORMAT = Pattern.compile("(\\d{1,5})(?:/([A-Za-z]+))?");

  /** Converts {@code --port} values; a malformed one is a usage error naming the accepted forms. */
  static final class Converter implements ITypeConverter<ReachPort> {
    @Override
    public ReachPort convert(String value) {
      Matcher m = FORMAT.matcher(value.trim());
      if (!m.matches()) throw invalid(value, "it is not PORT or PORT/PROTOCOL");
      int number = Integer.parseInt(m.group(1));
      if (number < 1 || number > MAX_PORT) throw invalid(value, "ports are 1 to " + MAX_PORT);
      Protocol protocol = m.group(2) == null ? Protocol.TCP : Protocol.parse(m.group(2))
          .orElseThrow(() -> invalid(value, "the protocol is TCP, UDP or SCTP"));
      return new ReachPort(number, protocol);
    }

    private static TypeConversionException invalid(String value, String why) {
      return new TypeConversionException("'" + value + "' is not a port: " + why + "; write it as 8080, "
          + "8080/TCP or 53/UDP");
    }
  }
}
