package dev.shipshape.core.internal.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.parser.Parser;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * Reads multi-document YAML (and JSON, a subset of YAML 1.2) into Jackson trees from SnakeYAML Engine's event
 * stream: anchors and aliases are resolved (also of maps and lists, and {@code <<} merge keys as kubectl reads
 * them), duplicate keys written in one map are rejected with their line, and every document is held to limits
 * against alias bombs
 * ({@value #MAX_NODES} values after expanding aliases, {@value #MAX_DEPTH} levels of nesting). Building the tree
 * from events with an explicit stack means no input can exhaust the Java stack.
 *
 * <p>Scalars, keys included, mean what kubectl sends and the API server reads ({@link GoYamlScalars}: YAML 1.1, so
 * {@code yes} and {@code on} are true, {@code 0644} is octal and {@code 1e3} the integer 1000, and keys become
 * strings, {@code true:} and {@code yes:} the same key {@code "true"}). Thread-safe: every call uses its own parser.
 *
 * <p>Merge keys mean what kubectl sends, which converts YAML to JSON with go-yaml v2 without strictness
 * (sigs.k8s.io/yaml, goyaml.v2/decode.go, {@code d.mapping} and {@code d.merge}): a map's entries are set in the
 * order written, and a merge sets the merged map's keys at its place, so it overwrites a key written before it, and
 * a key written after it overwrites the merged one; {@code <<: [*a, *b]} is applied from the last map to the first,
 * so the earlier map wins. The API server only refuses a key set twice through a merge ("already set in map") when
 * it reads the YAML itself with strict field validation, which it never does for what kubectl sends, so such keys
 * are read silently; a key written twice in one map stays an error. A merge key is a {@code <<} that is plain,
 * tagged with the non-specific {@code !} or with {@code !!merge} ({@code isMerge}).
 */
public final class YamlReader {
  /** At most this many values in one document, counting each expansion of an alias again. */
  public static final int MAX_NODES = 1_000_000;
  /** At most this many nested maps and lists in one document. */
  public static final int MAX_DEPTH = 256;
  private static final int MAX_CODE_POINTS = 256 * 1024 * 1024;
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private YamlReader() {}

  /**
   * Every document of {@code text} in order, empty ones included as documents without content.
   *
   * @param source names the text in messages, such as a file name
   * @throws IllegalArgumentException naming the source and line when the text is not valid YAML, has a duplicate
   *     key, an unknown alias, a non-scalar key or exceeds a limit
   */
  public static List<YamlDocument> read(String text, String source) {
    LoadSettings settings = LoadSettings.builder().setLabel(source).setCodePointLimit(MAX_CODE_POINTS).build();
    Builder builder = new Builder(source);
    try {
      // What the low-level Parse API does; that package is not exported by SnakeYAML Engine's module.
      Parser parser = new ParserImpl(settings, new StreamReader(settings, text));
      while (parser.hasNext()) builder.accept(parser.next());
    } catch (MarkedYamlEngineException e) {
      Optional<Mark> mark = e.getProblemMark().or(e::getContextMark);
      throw new IllegalArgumentException(source + at(mark) + ": not valid YAML (" + e.getProblem() + ")", e);
    } catch (YamlEngineException e) {
      throw new IllegalArgumentException(source + ": not valid YAML (" + e.getMessage() + ")", e);
    }
    return builder.documents;
  }

  private static String at(Optional<Mark> mark) {
    return mark.map(m -> ", line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1)).orElse("");
  }

  private static int line(Event event) {
    return event.getStartMark().map(m -> m.getLine() + 1).orElse(0);
  }

  /** One open map or list, with what a map still waits for. */
  private static final class Frame {
    final JsonNode node;
    final Optional<String> anchor;
    final int nodesAtStart;
    /** The keys written in this map itself, not merged into it: only these may not be written again. */
    final Set<String> written = new HashSet<>();
    String key;
    /** The key as written, where it differs from the string it becomes ({@code yes} for {@code "true"}). */
    String keyWritten;
    int keyLine;
    boolean merge;

    Frame(JsonNode node, Optional<String> anchor, int nodesAtStart) {
      this.node = node;
      this.anchor = anchor;
      this.nodesAtStart = nodesAtStart;
    }
  }

  private static final class Builder {
    final String source;
    final List<YamlDocument> documents = new ArrayList<>();
    final Deque<Frame> stack = new ArrayDeque<>();
    final Map<String, JsonNode> anchors = new HashMap<>();
    final Map<String, Integer> anchorSizes = new HashMap<>();
    JsonNode root;
    int documentLine;
    int nodes;

    Builder(String source) {
      this.source = source;
    }

    void accept(Event event) {
      switch (event.getEventId()) {
        case DocumentStart:
          anchors.clear();
          anchorSizes.clear();
          root = null;
          nodes = 0;
          documentLine = line(event);
          break;
        case DocumentEnd:
          documents.add(new YamlDocument(documents.size() + 1, documentLine, Optional.ofNullable(root)));
          break;
        case Scalar:
          scalar((ScalarEvent) event);
          break;
        case Alias:
          alias((AliasEvent) event);
          break;
        case MappingStart:
        case SequenceStart:
          open((CollectionStartEvent) event);
          break;
        case MappingEnd:
        case SequenceEnd:
          close(event);
          break;
        default:
          break;
      }
    }

    private void scalar(ScalarEvent event) {
      Frame top = stack.peek();
      count(1, event);
      JsonNode decoded = decoded(event);
      if (top != null && top.node.isObject() && top.key == null) {
        top.merge = isMerge(event);
        setKey(top, decoded, event.getValue(), event);
        return;
      }
      remember(event, decoded, 1);
      attach(json(decoded, event), event);
    }

    /**
     * go-yaml's {@code isMerge}: {@code <<} that the parser marks plain-implicit (plain and untagged, or tagged
     * {@code !} in any style) or that is tagged {@code !!merge}.
     */
    private static boolean isMerge(ScalarEvent event) {
      Optional<String> tag = event.getTag();
      return event.getValue().equals("<<") && ((tag.isEmpty() && event.isPlain()) || tag.equals(Optional.of("!"))
          || tag.equals(Optional.of(GoYamlScalars.CORE_TAG + "merge")));
    }

    private JsonNode decoded(ScalarEvent event) {
      try {
        return GoYamlScalars.decoded(event.getValue(), event.isPlain(), event.getTag());
      } catch (IllegalArgumentException e) {
        throw problem(event, e.getMessage());
      }
    }

    private JsonNode json(JsonNode decoded, Event event) {
      try {
        return GoYamlScalars.json(decoded);
      } catch (IllegalArgumentException e) {
        throw problem(event, e.getMessage());
      }
    }

    private void setKey(Frame top, JsonNode decoded, String written, Event event) {
      try {
        top.key = GoYamlScalars.key(decoded);
      } catch (IllegalArgumentException e) {
        throw problem(event, e.getMessage());
      }
      top.keyWritten = written;
      top.keyLine = line(event);
    }

    private void alias(AliasEvent event) {
      String name = event.getAlias().getValue();
      JsonNode target = anchors.get(name);
      if (target == null) {
        throw problem(event, "the alias *" + name + " refers to no anchor defined before it — define &" + name
            + " first");
      }
      count(anchorSizes.get(name), event);
      Frame top = stack.peek();
      if (top != null && top.merge && !target.isObject()) {
        // go-yaml merges a list written in place, but an alias only of a map.
        throw problem(event, "the merge key << takes a map, an alias of a map or a list of them, not the alias *"
            + name + " of a " + (target.isArray() ? "list" : "scalar"));
      }
      if (top != null && top.node.isObject() && top.key == null) {
        if (!target.isValueNode()) throw problem(event, "a mapping key must be a scalar, not the alias *" + name);
        setKey(top, target, "*" + name, event);
        return;
      }
      // A scalar's anchor holds it as go-yaml decoded it, so that an alias used as a key is converted as a key.
      attach(target.isValueNode() ? json(target, event) : target.deepCopy(), event);
    }

    private void open(CollectionStartEvent event) {
      Frame top = stack.peek();
      if (top != null && top.node.isObject() && top.key == null) {
        throw problem(event, "a mapping key must be a scalar, not a map or list");
      }
      if (stack.size() >= MAX_DEPTH) {
        throw problem(event, "nested more than " + MAX_DEPTH + " levels deep");
      }
      count(1, event);
      JsonNode node = event.getEventId() == Event.ID.MappingStart ? NODES.objectNode() : NODES.arrayNode();
      stack.push(new Frame(node, event.getAnchor().map(a -> a.getValue()), nodes));
    }

    private void close(Event event) {
      Frame frame = stack.pop();
      frame.anchor.ifPresent(name -> {
        anchors.put(name, frame.node);
        anchorSizes.put(name, nodes - frame.nodesAtStart + 1);
      });
      attach(frame.node, event);
    }

    private void remember(NodeEvent event, JsonNode value, int size) {
      event.getAnchor().ifPresent(a -> {
        anchors.put(a.getValue(), value);
        anchorSizes.put(a.getValue(), size);
      });
    }

    private void attach(JsonNode value, Event event) {
      Frame top = stack.peek();
      if (top == null) {
        root = value;
      } else if (top.node.isArray()) {
        ((ArrayNode) top.node).add(value);
      } else if (top.merge) {
        merge(top, value, event);
      } else {
        if (!top.written.add(top.key)) {
          // Keys are compared as the strings they become, as go-yaml compares true: and yes: as the same key.
          String written = top.keyWritten.equals(top.key) ? "" : " (written " + top.keyWritten + ")";
          throw new IllegalArgumentException(source + ", line " + top.keyLine + ": duplicate key '" + top.key
              + "'" + written + " in the same mapping, as Kubernetes reads keys — keep one of them, or quote a "
              + "key that is meant as text");
        }
        ((ObjectNode) top.node).set(top.key, value);
        top.key = null;
      }
    }

    /**
     * {@code <<: *base} or {@code <<: [*a, *b]}: the merged keys are set now, over those written before; a merged
     * map is already read with its own merges, so setting its keys is what go-yaml's reading it again does.
     */
    private void merge(Frame top, JsonNode value, Event event) {
      List<JsonNode> sources = new ArrayList<>();
      if (value.isArray()) value.forEach(sources::add);
      else sources.add(value);
      for (JsonNode merged : sources) {
        if (!merged.isObject()) {
          throw problem(event, "the merge key << takes a map, an alias of a map or a list of them");
        }
      }
      ObjectNode object = (ObjectNode) top.node;
      // Last to first, so that the earlier maps of a list win (d.merge: "earlier nodes take precedence").
      for (int i = sources.size() - 1; i >= 0; i--) sources.get(i).fields().forEachRemaining(
          f -> object.set(f.getKey(), f.getValue()));
      top.key = null;
      top.merge = false;
    }

    private void count(int added, Event event) {
      nodes += added;
      if (nodes > MAX_NODES) {
        throw problem(event, "more than " + MAX_NODES + " values once aliases are expanded — an alias bomb? "
            + "Split the document or use fewer aliases");
      }
    }

    private IllegalArgumentException problem(Event event, String what) {
      return new IllegalArgumentException(source + ", line " + line(event) + ": " + what);
    }
  }
}
