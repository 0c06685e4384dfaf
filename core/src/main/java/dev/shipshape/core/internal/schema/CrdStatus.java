package dev.shipshape.core.internal.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** What a CustomResourceDefinition's status says about its names. */
public final class CrdStatus {
  private CrdStatus() {}

  /**
   * Why the server refused the names of the CRD with this {@code status} ({@code NamesAccepted} is {@code False},
   * e.g. {@code SingularConflict: "knob" is already in use}): another CRD of the group holds them, and the server
   * will not serve these names while it does. Empty when it has not refused them.
   */
  public static Optional<String> namesRefused(JsonNode status) {
    for (JsonNode c : status.path("conditions")) {
      if ("NamesAccepted".equals(c.path("type").asText()) && "False".equals(c.path("status").asText())) {
        String why = Stream.of(c.path("reason").asText(), c.path("message").asText()).filter(s -> !s.isBlank())
            .collect(Collectors.joining(": "));
        return Optional.of(why.isEmpty() ? "NamesAccepted is False" : why);
      }
    }
    return Optional.empty();
  }
}
