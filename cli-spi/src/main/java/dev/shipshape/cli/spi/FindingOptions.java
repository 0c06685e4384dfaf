package dev.shipshape.cli.spi;

import dev.shipshape.core.findings.FindingReport;
import dev.shipshape.core.findings.ReportFormat;
import dev.shipshape.core.findings.Severity;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * The options every checking command shares: {@code --format text|json|sarif}, {@code --fail-on SEVERITY} and
 * {@code --exclude RULE}, and how a {@link FindingReport} is printed and turned into an exit code with them.
 */
public final class FindingOptions {
  @Option(names = "--format", paramLabel = "F", defaultValue = "text", converter = FormatConverter.class,
      description = "text, json or sarif (SARIF 2.1.0, for code-scanning user interfaces). By default, "
          + "${DEFAULT-VALUE}.")
  private ReportFormat format;

  @Option(names = "--fail-on", paramLabel = "SEVERITY", converter = SeverityConverter.class,
      description = "Exit with 1 when a finding has this severity or a worse one: info, low, medium, high or "
          + "critical. By default, the command's own threshold (see its description).")
  private Severity failOn;

  @Option(names = "--exclude", paramLabel = "RULE", description = "Leave out the findings of this rule, by its id "
      + "or an equivalent id of another tool (such as polaris:runAsRootAllowed); repeat for several.")
  private List<String> excluded = new ArrayList<>();

  /** The format of {@code --format}; by default, text. */
  public ReportFormat format() {
    return format;
  }

  /** The rule ids of {@code --exclude}. */
  public List<String> excluded() {
    return List.copyOf(excluded);
  }

  /** The fail-on severity: the option's, else {@code byDefault}. */
  public Optional<Severity> failOn(Optional<Severity> byDefault) {
    return Optional.ofNullable(failOn).or(() -> byDefault);
  }

  /**
   * Prints {@code report} without the excluded rules, failed at the chosen severity (else {@code byDefault}), and
   * returns the exit code: {@link ExitCode#NO} when it failed.
   */
  public int print(PrintWriter out, FindingReport report, Optional<Severity> byDefault) {
    FindingReport shown = shown(report, byDefault);
    Output.print(out, shown.render(format));
    return (shown.failed() ? ExitCode.NO : ExitCode.OK).code();
  }

  /**
   * {@code report} without the excluded rules, failed at the chosen severity, else at {@code byDefault}, else never
   * (the command's threshold decides, not the one the SDK's check gave its report).
   */
  public FindingReport shown(FindingReport report, Optional<Severity> byDefault) {
    return FindingReport.builder().from(report.excluding(excluded)).failOn(failOn(byDefault)).build();
  }

  /** {@code --format} values; an unknown one is a usage error naming the accepted values. */
  public static final class FormatConverter implements ITypeConverter<ReportFormat> {
    @Override
    public ReportFormat convert(String value) {
      try {
        return ReportFormat.valueOf(value.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException("format '" + value + "' is not one of text, json, sarif");
      }
    }
  }

  /** {@code --fail-on} values; an unknown one is a usage error naming the accepted values. */
  public static final class SeverityConverter implements ITypeConverter<Severity> {
    @Override
    public Severity convert(String value) {
      try {
        return Severity.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
