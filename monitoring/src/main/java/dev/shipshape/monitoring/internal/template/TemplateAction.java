package dev.shipshape.monitoring.internal.template;

import dev.shipshape.monitoring.internal.template.GoTemplate.Cause;
import dev.shipshape.monitoring.internal.template.GoToken.Kind;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One action as Go 1.19's parser reads it, by the keyword it starts with: a {@code define} only outside any block,
 * with a quoted name and nothing after it; {@code template} and {@code block} with a quoted name, then a pipeline (a
 * block's is required); {@code if}, {@code range} and {@code with} with a pipeline; {@code else}, alone or (in an if)
 * followed by {@code if} and a pipeline; {@code end}, {@code break} and {@code continue} alone; any other action a
 * pipeline. Blocks open and close in {@link TemplateScope}, where a {@code define} or {@code block} of a name already
 * defined with content may not have content too.
 */
final class TemplateAction {
  private static final Set<String> ELSE_BLOCKS = Set.of("if", "range", "with");

  private final TemplateTokens tokens;
  private final TemplateScope scope;
  private final TemplatePipeline pipeline;
  private final int open;

  private TemplateAction(List<GoToken> tokens, int open, TemplateScope scope) {
    this.tokens = new TemplateTokens(tokens);
    this.scope = scope;
    this.pipeline = new TemplatePipeline(this.tokens, scope);
    this.open = open;
  }

  /**
   * Reads the action opened at {@code open}, of the tokens the lexer gave, and returns where the text after it starts.
   * Throws {@link TemplateFailure} at the first error.
   */
  static int read(List<GoToken> tokens, int open, TemplateScope scope) {
    TemplateAction action = new TemplateAction(tokens, open, scope);
    action.read();
    return action.tokens.end();
  }

  private void read() {
    GoToken first = tokens.nextNonSpace();
    if (first.kind() != Kind.KEYWORD) {
      tokens.backup();
      scope.content();
      pipeline.read("command", Kind.END, open);
      return;
    }
    switch (first.text()) {
      case "define" -> define(first);
      case "template", "block" -> template(first.text());
      case "if", "range", "with" -> {
        scope.content();
        List<String> before = scope.variables();
        pipeline.read(first.text(), Kind.END, open);
        scope.open(first.text(), before, "");
      }
      case "else" -> otherwise();
      case "end" -> end();
      default -> loopControl(first.text());
    }
  }

  /** Only at the top level does Go read a define; elsewhere its parser takes the keyword for a command. */
  private void define(GoToken keyword) {
    if (scope.innermost().isPresent()) {
      throw TemplatePipeline.unexpected(keyword, "command", Cause.KEYWORD, "define");
    }
    String name = name("define");
    GoToken token = tokens.nextNonSpace();
    if (token.kind() != Kind.END) {
      throw TemplatePipeline.unexpected(token, "define clause", Cause.TEMPLATE_NAME, "define");
    }
    scope.open("define", scope.variables(), name);
  }

  /** A template's pipeline is optional, a block's required; a block's body is a template of its own. */
  private void template(String keyword) {
    scope.content();
    String name = name(keyword);
    List<String> before = scope.variables();
    if (keyword.equals("template") && tokens.peekNonSpace().kind() == Kind.END) return;
    pipeline.read(keyword + " clause", Kind.END, open);
    if (keyword.equals("block")) scope.open("block", before, name);
  }

  /** The quoted name after define, template or block. */
  private String name(String keyword) {
    GoToken token = tokens.nextNonSpace();
    if (token.kind() != Kind.STRING && token.kind() != Kind.RAW_STRING) {
      throw TemplatePipeline.unexpected(token, keyword + " clause", Cause.TEMPLATE_NAME, keyword);
    }
    return GoQuoted.unquote(token.text())
        .orElseThrow(() -> TemplateFailure.at(GoQuoted.INVALID, token.start(), Cause.QUOTED));
  }

  /**
   * An else: alone or, in an if only, followed by if; once in a block, and only in an if, range or with. Go reads
   * "else if" as an else holding an if, which the same end closes.
   */
  private void otherwise() {
    GoToken next = tokens.peekNonSpace();
    boolean elseIf = next.is(Kind.KEYWORD, "if");
    if (!elseIf) alone("else", "else");
    Optional<String> block = scope.innermost();
    if (block.filter(ELSE_BLOCKS::contains).isEmpty()) {
      throw TemplateFailure.at("unexpected {{else}}" + block.map(b -> " in " + b + " clause").orElse(""), open,
          Cause.STRUCTURE);
    }
    if (scope.hadElse()) throw TemplateFailure.at("expected end; found {{else}}", open, Cause.KEYWORD, "else");
    // Go 1.19 reads "else if" only in an if; "else with" came with Go 1.23.
    if (elseIf && !block.get().equals("if")) {
      throw TemplateFailure.at("unexpected <if> in input", next.start(), Cause.KEYWORD, "else");
    }
    if (elseIf) {
      tokens.next();
      pipeline.read("if", Kind.END, open);
    }
    scope.otherwise(elseIf);
  }

  private void end() {
    alone("end", "end");
    if (scope.innermost().isEmpty()) throw TemplateFailure.at("unexpected {{end}}", open, Cause.STRUCTURE);
    scope.close().map(GoQuoted::text).ifPresent(name -> {
      throw TemplateFailure.at("template: multiple definition of template " + GoToken.quote(name), open,
          Cause.DEFINITION, name);
    });
  }

  /** break or continue: alone, and inside a range. */
  private void loopControl(String keyword) {
    alone("{{" + keyword + "}}", keyword);
    if (!scope.inRange()) {
      throw TemplateFailure.at("{{" + keyword + "}} outside {{range}}", open, Cause.OUTSIDE_RANGE, keyword);
    }
  }

  /** Nothing may follow the keyword, which Go names {@code context} in its error. */
  private void alone(String context, String keyword) {
    GoToken token = tokens.nextNonSpace();
    if (token.kind() != Kind.END) throw TemplatePipeline.unexpected(token, context, Cause.KEYWORD, keyword);
  }
}
