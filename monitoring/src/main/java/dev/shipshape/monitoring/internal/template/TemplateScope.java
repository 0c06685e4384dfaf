package dev.shipshape.monitoring.internal.template;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * What Go's template parser (text/template/parse, Go 1.19) knows at each action: the blocks open, the variables
 * defined and whether a {@code break} or {@code continue} is inside a {@code range}. A variable declared in an
 * {@code if}, {@code range} or {@code with} (in its pipeline or its actions, {@code else} branch included) lives until
 * its {@code end}; the body of a {@code define} or {@code block} is a template of its own, which starts with only
 * {@code $} and outside any range.
 */
final class TemplateScope {
  /** An open block, what its {@code end} restores, and whether it had its else. */
  private record Frame(String keyword, List<String> variables, int ranges, boolean otherwise) {}

  private final Deque<Frame> frames = new ArrayDeque<>();
  private List<String> variables;
  private int ranges;

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
   * Opens a block after its pipeline was read; {@code before} are the variables from before that pipeline, which an
   * if, range or with restores at its end. A block's pipeline belongs to the enclosing template, so its declarations
   * outlive the block.
   */
  void open(String keyword, List<String> before) {
    frames.push(new Frame(keyword, keyword.equals("block") ? variables() : before, ranges, false));
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
    frames.push(new Frame(frame.keyword(), frame.variables(), frame.ranges(), !elseIf));
    if (frame.keyword().equals("range")) ranges = frame.ranges();
  }

  void close() {
    Frame frame = frames.pop();
    variables = new ArrayList<>(frame.variables());
    ranges = frame.ranges();
  }
}
