package dev.shipshape.core.internal.yaml;

import com.fasterxml.jackson.core.Base64Variant;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.base.GeneratorBase;
import com.fasterxml.jackson.core.json.JsonWriteContext;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * A Jackson generator that writes block-style YAML into a {@link StringBuilder}, for the documents where its text
 * is certain to equal what Jackson's {@code YAMLGenerator} (SnakeYAML's emitter, as {@link YamlWriter} configures
 * it) writes. It gives up — {@link #gaveUp()} is true and the write throws — at the first value whose text it
 * cannot be sure of, and {@link YamlWriter} then writes the whole document with the library instead.
 *
 * <p>Certain means: mappings and sequences in block style (empty ones as {@code {}} and {@code []}), sequences in a
 * mapping not indented, two spaces per level; booleans, nulls and numbers in their plain form; strings from a
 * small character set ({@link ScalarStyles}) plain or double-quoted exactly as the library chooses, and never long
 * enough to be folded at the library's line width of 80 columns. Everything else (line breaks, quotes, flow
 * indicators, non-ASCII text, long keys, type or object ids, binary) is left to the library.
 */
final class BlockYamlGenerator extends GeneratorBase {
  private static final int MAP = 1;
  private static final int SEQUENCE = 2;
  /** What is already written on the line where the next node starts. */
  private static final int ROOT = 0;
  private static final int AFTER_KEY = 1;
  private static final int AFTER_DASH = 2;
  private static final String SPACES = " ".repeat(32);

  private final StringBuilder out;
  private int lineStart;
  private int state = ROOT;
  private int depth;
  private int[] kinds = new int[16];
  private int[] indents = new int[16];
  /** How each open container was introduced (ROOT, AFTER_KEY or AFTER_DASH). */
  private int[] introducers = new int[16];
  /** Whether each open container has written an element yet. */
  private boolean[] started = new boolean[16];
  private boolean gaveUp;

  BlockYamlGenerator(int features, ObjectCodec codec, StringBuilder out) {
    super(features, codec);
    this.out = out;
  }

  /** True when a value was met whose text this generator cannot be sure of; the output is then incomplete. */
  boolean gaveUp() {
    return gaveUp;
  }

  @Override
  public void writeStartObject() throws IOException {
    _verifyValueWrite("start an object");
    _writeContext = _writeContext.createChildObjectContext();
    open(MAP);
  }

  @Override
  public void writeEndObject() throws IOException {
    _writeContext = _writeContext.clearAndGetParent();
    close("{}");
  }

  @Override
  public void writeStartArray() throws IOException {
    _verifyValueWrite("start an array");
    _writeContext = _writeContext.createChildArrayContext();
    open(SEQUENCE);
  }

  @Override
  public void writeEndArray() throws IOException {
    _writeContext = _writeContext.clearAndGetParent();
    close("[]");
  }

  @Override
  public void writeFieldName(String name) throws IOException {
    if (_writeContext.writeFieldName(name) == JsonWriteContext.STATUS_EXPECT_VALUE) {
      _reportError("Can not write a field name, expecting a value");
    }
    String key = ScalarStyles.key(name);
    if (key == null) giveUp();
    int level = depth - 1;
    startElement(level);
    out.append(key).append(':');
    state = AFTER_KEY;
  }

  @Override
  public void writeString(String text) throws IOException {
    if (text == null) {
      writeNull();
      return;
    }
    _verifyValueWrite("write a string");
    int column = beginScalar();
    String scalar = ScalarStyles.stringValue(text, column);
    if (scalar == null) giveUp();
    out.append(scalar);
    newLine();
  }

  @Override
  public void writeString(char[] text, int offset, int length) throws IOException {
    writeString(new String(text, offset, length));
  }

  @Override
  public void writeBoolean(boolean value) throws IOException {
    _verifyValueWrite("write a boolean");
    scalar(value ? "true" : "false");
  }

  @Override
  public void writeNull() throws IOException {
    _verifyValueWrite("write a null");
    scalar("null");
  }

  @Override
  public void writeNumber(int value) throws IOException {
    writeNumber(Integer.toString(value));
  }

  @Override
  public void writeNumber(long value) throws IOException {
    writeNumber(Long.toString(value));
  }

  @Override
  public void writeNumber(BigInteger value) throws IOException {
    if (value == null) {
      writeNull();
      return;
    }
    writeNumber(value.toString());
  }

  @Override
  public void writeNumber(double value) throws IOException {
    writeNumber(String.valueOf(value));
  }

  @Override
  public void writeNumber(float value) throws IOException {
    writeNumber(String.valueOf(value));
  }

  @Override
  public void writeNumber(BigDecimal value) throws IOException {
    // The library's text depends on WRITE_BIGDECIMAL_AS_PLAIN; rare in Kubernetes objects, so left to it.
    giveUp();
  }

  @Override
  public void writeNumber(String encoded) throws IOException {
    if (encoded == null) {
      writeNull();
      return;
    }
    _verifyValueWrite("write a number");
    if (!ScalarStyles.isPlainNumber(encoded)) giveUp();
    scalar(encoded);
  }

  @Override
  public boolean canWriteTypeId() {
    return true; // as the library's generator does, so that serializers ask for native ids and this one gives up
  }

  @Override
  public boolean canWriteObjectId() {
    return true;
  }

  @Override
  public void writeTypeId(Object id) throws IOException {
    giveUp();
  }

  @Override
  public void writeObjectId(Object id) throws IOException {
    giveUp();
  }

  @Override
  public void writeObjectRef(Object id) throws IOException {
    giveUp();
  }

  @Override
  public void writeBinary(Base64Variant variant, byte[] data, int offset, int length) throws IOException {
    giveUp();
  }

  @Override
  public void writeRawUTF8String(byte[] text, int offset, int length) throws IOException {
    giveUp();
  }

  @Override
  public void writeUTF8String(byte[] text, int offset, int length) throws IOException {
    giveUp();
  }

  @Override
  public void writeRaw(String text) throws IOException {
    giveUp();
  }

  @Override
  public void writeRaw(String text, int offset, int length) throws IOException {
    giveUp();
  }

  @Override
  public void writeRaw(char[] text, int offset, int length) throws IOException {
    giveUp();
  }

  @Override
  public void writeRaw(char c) throws IOException {
    giveUp();
  }

  @Override
  public void flush() {
    // writes into memory only
  }

  @Override
  protected void _releaseBuffers() {
    // holds no pooled buffers
  }

  @Override
  protected void _verifyValueWrite(String typeMsg) throws IOException {
    if (_writeContext.writeValue() == JsonWriteContext.STATUS_EXPECT_NAME) {
      _reportError("Can not " + typeMsg + ", expecting a field name");
    }
  }

  private void open(int kind) {
    if (depth > 0 && kinds[depth - 1] == SEQUENCE) startElement(depth - 1);
    int parentIndent = depth > 0 ? indents[depth - 1] : 0;
    int indent;
    if (state == ROOT) {
      indent = 0;
    } else if (state == AFTER_DASH) {
      indent = parentIndent + 2;
    } else {
      // a mapping's value: mappings are indented under their key, sequences are not
      indent = kind == MAP ? parentIndent + 2 : parentIndent;
    }
    push(kind, indent);
  }

  private void close(String empty) {
    depth--;
    if (!started[depth]) {
      int introducer = introducers[depth];
      if (introducer == AFTER_KEY) out.append(' ');
      out.append(empty);
      newLine();
    }
    state = depth == 0 ? ROOT : kinds[depth - 1] == MAP ? AFTER_KEY : AFTER_DASH;
  }

  private void scalar(String text) {
    beginScalar();
    out.append(text);
    newLine();
  }

  /** Writes what goes before a scalar on its line (a sequence's dash, the space after a key); returns its column. */
  private int beginScalar() {
    if (depth > 0 && kinds[depth - 1] == SEQUENCE) startElement(depth - 1);
    if (state == AFTER_KEY) out.append(' ');
    return out.length() - lineStart;
  }

  /**
   * Starts the next element of the container at {@code level}: a key of a mapping, or the dash of a sequence item.
   * The first element of a container introduced by a dash goes on the dash's line.
   */
  private void startElement(int level) {
    boolean first = !started[level];
    if (first) {
      started[level] = true;
      if (introducers[level] == AFTER_KEY) newLine();
    }
    if (!first || introducers[level] != AFTER_DASH) indent(indents[level]);
    if (kinds[level] == SEQUENCE) {
      out.append("- ");
      state = AFTER_DASH;
    }
  }

  private void push(int kind, int indent) {
    if (depth == kinds.length) {
      int size = depth * 2;
      kinds = Arrays.copyOf(kinds, size);
      indents = Arrays.copyOf(indents, size);
      introducers = Arrays.copyOf(introducers, size);
      started = Arrays.copyOf(started, size);
    }
    kinds[depth] = kind;
    indents[depth] = indent;
    introducers[depth] = state;
    started[depth] = false;
    depth++;
  }

  private void indent(int spaces) {
    // In runs from a line of spaces: one append per run instead of one per space.
    for (int left = spaces; left > 0; left -= SPACES.length()) out.append(SPACES, 0, Math.min(left, SPACES.length()));
  }

  private void newLine() {
    out.append('\n');
    lineStart = out.length();
  }

  private void giveUp() throws IOException {
    gaveUp = true;
    throw new GiveUp();
  }

  /** Thrown to stop serializing once this generator gave up; carries no stack trace (it is not an error). */
  static final class GiveUp extends IOException {
    private static final long serialVersionUID = 1L;

    GiveUp() {
      super("left to the library's YAML emitter", null);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
      return this;
    }
  }
}
