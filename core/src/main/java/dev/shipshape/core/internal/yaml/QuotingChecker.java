package dev.shipshape.core.internal.yaml;

import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import org.snakeyaml.engine.v2.resolver.CoreScalarResolver;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Jackson's default quoting rule, plus quotes for every string that a YAML reader would take for something else
 * when written plain: the default quotes booleans, nulls and decimal numbers, but wrote {@code 0x1F}, {@code 1e3},
 * {@code 0o17}, {@code .inf}, {@code 2001-12-14} and the merge key {@code <<} plain, which YAML 1.1 readers (as
 * Kubernetes' Go YAML library) or YAML 1.2 readers read back as numbers, timestamps or merges. Strings that start
 * with a letter are left to the default (the only such plain scalars with another type are its reserved words).
 */
public final class QuotingChecker extends StringQuotingChecker.Default {
  private static final long serialVersionUID = 1L;
  private static final Resolver YAML_1_1 = new Resolver();
  private static final CoreScalarResolver YAML_1_2 = new CoreScalarResolver(true); // with merge keys

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
    return !YAML_1_1.resolve(NodeId.scalar, text, true).equals(Tag.STR)
        || !YAML_1_2.resolve(text, true).equals(org.snakeyaml.engine.v2.nodes.Tag.STR);
  }
}
