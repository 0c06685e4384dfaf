package dev.shipshape.core.internal.yaml;

import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import org.snakeyaml.engine.v2.resolver.CoreScalarResolver;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Jackson's default quoting rule, plus quotes for every string that a YAML reader would take for something else
 * when written plain: the default quotes booleans, nulls and decimal numbers, but wrote {@code 0x1F}, {@code 1e3},
 * {@code 0o17}, {@code 0X1F}, {@code .inf}, {@code 2001-12-14} and the merge key {@code <<} plain, which YAML 1.1
 * readers, Kubernetes' own (go-yaml v2, see {@link GoYamlScalars}) or YAML 1.2 readers read back as numbers,
 * timestamps or merges. Strings that start with a letter are left to the default (the only such plain scalars with
 * another type are its reserved words).
 */
public final class QuotingChecker extends StringQuotingChecker.Default {
  private static final long serialVersionUID = 1L;
  private static final Resolver YAML_1_1 = new Resolver();
  private static final CoreScalarResolver YAML_1_2 = new CoreScalarResolver(true); // with merge keys
  /**
   * Every character that the resolvers' patterns for numbers ({@code 0x1F}, {@code 0o17}, {@code 0b101}, Go's
   * {@code 0X1F}, {@code 0O17}, {@code 0B101}, {@code 1_000}, {@code 1:20}, {@code 1e3}, {@code .inf},
   * {@code .NaN}), timestamps, nulls ({@code ~}), the merge key and the indicators {@code = ! & *} can hold.
   */
  private static final String NON_STRING_CHARACTERS = "0123456789+-_.:<~=!&* \tabcdefABCDEFxoinINTtZXOB";

  @Override
  public boolean needToQuoteName(String name) {
    return super.needToQuoteName(name) || readAsAnotherType(name);
  }

  @Override
  public boolean needToQuoteValue(String value) {
    return super.needToQuoteValue(value) || readAsAnotherType(value);
  }

  /** True when a YAML 1.1 or 1.2 reader takes {@code text}, written plain, for something other than a string. */
  static boolean readAsAnotherType(String text) {
    if (text.isEmpty() || Character.isLetter(text.charAt(0))) return false;
    // ${NAME} is an environment variable to the YAML 1.2 reader, whatever letters it holds.
    if (text.charAt(0) != '$' && hasCharacterOnlyStringsHave(text)) return false;
    return readByTheResolversAsAnotherType(text);
  }

  /** What the readers' resolvers make of {@code text}: true when any takes it for something other than a string. */
  static boolean readByTheResolversAsAnotherType(String text) {
    return !YAML_1_1.resolve(NodeId.scalar, text, true).equals(Tag.STR)
        || !YAML_1_2.resolve(text, true).equals(org.snakeyaml.engine.v2.nodes.Tag.STR)
        || !GoYamlScalars.isString(text);
  }

  /**
   * True when {@code text} holds a character that no number, timestamp, null or merge key of either YAML version
   * holds (such as the {@code M} of {@code 100Mi} or the {@code /} of a path), so that it is a string without asking
   * the resolvers, whose regular expressions cost more than the rest of writing the scalar.
   */
  private static boolean hasCharacterOnlyStringsHave(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (NON_STRING_CHARACTERS.indexOf(text.charAt(i)) < 0) return true;
    }
    return false;
  }
}
