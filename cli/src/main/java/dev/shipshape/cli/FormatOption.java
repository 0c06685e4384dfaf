package dev.shipshape.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipshape.cli.spi.CliException;
import dev.shipshape.cli.spi.Output;
import dev.shipshape.cli.spi.OutputFormat;
import dev.shipshape.core.SpecValidationException;
import dev.shipshape.core.plan.Plan;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/**
 * {@code --format text|json} of plan, diff and apply: text for people (the default), or one JSON document on
 * standard output for tools, in the shapes the README documents.
 */
final class FormatOption {
  @Option(names = "--format", paramLabel = "F", defaultValue = "text", description = "text or json (one JSON "
      + "document on standard output; an invalid spec prints its problems as JSON). By default, ${DEFAULT-VALUE}.")
  OutputFormat format;

  boolean json() {
    return format == OutputFormat.JSON;
  }

  /**
   * Plans the spec; with JSON, an invalid spec also prints {@code {"spec", "valid": false, "problems": [...]}} on
   * {@code out} before the command fails.
   */
  Plan plan(SpecOptions specOptions, PrintWriter out) {
    try {
      return specOptions.plan();
    } catch (CliException e) {
      if (json() && e.getCause() instanceof SpecValidationException) {
        ObjectNode invalid = JsonNodeFactory.instance.objectNode().put("spec", specOptions.spec().toString())
            .put("valid", false);
        ArrayNode problems = invalid.putArray("problems");
        ((SpecValidationException) e.getCause()).problems().forEach(p -> problems.add(p.toJson()));
        print(out, invalid);
      }
      throw e;
    }
  }

  /** Prints {@code json}, indented, and a newline. */
  static void print(PrintWriter out, ObjectNode json) {
    Output.print(out, json.toPrettyString());
  }
}
