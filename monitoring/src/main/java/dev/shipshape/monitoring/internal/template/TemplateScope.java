package dev.shipshape.monitoring.internal.template;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What Go's template parser (text/template/parse, Go 1.19) knows at each action: the blocks open, the variables
 * defined and whether a {@code break} or {@code continue} is inside a {@code range}. A variable declared in an
 * {@code if}, {@code range} or {@code with} (in its pipeline or its actions, {@code else} branch included) lives until
 * its {@code end}; the body of a {@code define} or {@code block} is a template of its own, which starts with only
 * {@code $} and outside any range, and is added to the templates defined, by name, at its {@code end}.
 */
final class TemplateScope {
  /**
   * An open block, what its {@code end} restores, whether it had its else, and for a define or block the template's
   * name and the count of content before its body.
   */
  private record Frame(String keyword, List<String> variables, int ranges, boolean otherwise, String name,
      int content) {}

  private final Deque<Frame> frames = new ArrayDeque<>();
  /** The templates defined so far, by name, and whether each has content. */
  private final Map<String, Boolean> defined = new HashMap<>();
  private List<String> variables;
  private int ranges;
  /** How many actions and texts other than white space were read: a template's body that adds none is empty. */
  private int content;

  TemplateScope(List<String> predeclared) {
    variables = new ArrayList<>(predeclared);
  }

  /** The innermost open block's keyword; empty at the top level. */
  Optional<String> innermost() {
    return Optional.ofNullable(frames.peek()).map(Frame::keyword);
  }

  /** The variables defined now, to restore at the {@code end} of a block whose pipeline declares more. */
  List<String> variables() {
    return List.copyOf(variables);
  }

  boolean defines(String variable) {
    return variables.contains(variable);
  }

  /** A declaration ({@code $x := ...}) or assignment ({@code $x = ...}): Go's parser defines the name for both. */
  void declare(String variable) {
    variables.add(variable);
  }

  boolean inRange() {
    return ranges > 0;
  }

  /**
   * Counts an action, or text other than Go's white space, which makes the template being defined not empty (Go's
   * parse.IsEmptyTree).
   */
  void content() {
    content++;
  }

  /** Text between actions. */
  void text(String text) {
    if (!text.codePoints().allMatch(TemplateScope::isGoSpace)) content();
  }

  /** Go's unicode.IsSpace: the ASCII white space, U+0085, U+00A0 and Unicode's space separators. */
  private static boolean isGoSpace(int c) {
    return c == '\t' || c == '\n' || c == 0x0b || c == '\f' || c == '\r' || c == 0x85 || Character.isSpaceChar(c);
  }

  /**
   * Opens a block after its pipeline was read; {@code before} are the variables from before that pipeline, which an
   * if, range or with restores at its end. A block's pipeline belongs to the enclosing template, so its declarations
   * outlive the block. A define or block defines the template {@code name}.
   */
  void open(String keyword, List<String> before, String name) {
    frames.push(new Frame(keyword, keyword.equals("block") ? variables() : before, ranges, false, name, content));
    if (keyword.equals("define") || keyword.equals("block")) {
      variables = new ArrayList<>(List.of("$"));
      ranges = 0;
    } else if (keyword.equals("range")) {
      ranges++;
    }
  }

  /** Whether the innermost block had its last else, after which Go takes only its end. */
  boolean hadElse() {
    return frames.element().otherwise();
  }

  /**
   * An {@code else}: a range's else branch runs when there is nothing to range over, so it is outside the range. An
   * {@code else if} opens an if of its own, which the same end closes and which may have an else.
   */
  void otherwise(boolean elseIf) {
    Frame frame = frames.pop();
    frames.push(new Frame(frame.keyword(), frame.variables(), frame.ranges(), !elseIf, frame.name(),
        frame.content()));
    if (frame.keyword().equals("range")) ranges = frame.ranges();
  }

  /** Whether a template of this name was defined with content. */
  boolean hasContent(String name) {
    return defined.getOrDefault(name, false);
  }

  /**
   * Closes the innermost block. A define or block closed adds its template, unless one of its name with content was
   * defined before: then, if this one has content too, Go refuses it, and its name is returned.
   */
  Optional<String> close() {
    Frame frame = frames.pop();
    variables = new ArrayList<>(frame.variables());
    ranges = frame.ranges();
    if (!frame.keyword().equals("define") && !frame.keyword().equals("block")) return Optional.empty();
    boolean withContent = content > frame.content();
    if (!hasContent(frame.name())) {
      defined.put(frame.name(), withContent);
      return Optional.empty();
    }
    return withContent ? Optional.of(frame.name()) : Optional.empty();
  }
}
