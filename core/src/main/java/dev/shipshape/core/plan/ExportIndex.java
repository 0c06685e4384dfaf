package dev.shipshape.core.plan;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * What an export found in a directory, kept in a file between exports as git's index keeps what it staged: per file
 * its size, modification and change times, device, inode and a checksum of its text. A file whose attributes are
 * still those recorded still holds the recorded text, so the next export compares the object's new text with the
 * file after one {@code lstat}, by checksum, instead of opening and reading the file.
 *
 * <p>Only files an export read and found holding the object's text are recorded, with the attributes taken before
 * reading them: whatever changes a file after that changes its change time, so a concurrent writer (another
 * export, an editor) never leaves an entry that vouches for text the file does not hold. A file an export wrote is
 * read by the next one, and recorded then; Secrets are never recorded (a short checksum of a short secret gives it
 * away). As in git, an entry modified or changed at or after the index's cut-off, the time the export that wrote it
 * began, is "racy" (the file may have changed again within the same tick of the file system's clock as its
 * attributes were taken, without any attribute showing it) and is read. The cut-off is read from the output
 * directory's own clock, so that coarse timestamps (FAT, SMB) and a network file system's server clock are compared
 * with times of the same file system. An index that cannot be read or was written for another directory is not
 * used. The checksum is CRC32C and CRC32 of the text, with its exact length: 64 bits that tell an object's new text
 * from its old, which nobody crafts to collide, where SHA-256 cost fifteen times as much over 17,000 files.
 */
final class ExportIndex {
  private static final String FORMAT = "shipshape export index 2";
  private static final String ATTRIBUTES = "unix:size,lastModifiedTime,ctime,dev,ino,isRegularFile";

  private final Path directory;
  private final Map<String, Entry> entries;
  /** Entries modified or changed at or after this time of the directory's file system are read. */
  private final long cutOff;
  /** The directory's clock when this export began: the cut-off of the index it writes. */
  private final long began;

  private ExportIndex(Path directory, Map<String, Entry> entries, long cutOff, long began) {
    this.directory = directory;
    this.entries = entries;
    this.cutOff = cutOff;
    this.began = began;
  }

  /**
   * The index kept in {@code file} for {@code directory}, for an export that begins now; without entries when there
   * is none or it is unusable, and empty when the directory's clock cannot be read (the export then reads every
   * file, as without an index).
   */
  static Optional<ExportIndex> open(Path file, Path directory) {
    Path key = key(directory);
    OptionalLong began = clock(key);
    if (began.isEmpty()) return Optional.empty();
    try {
      if (Files.exists(file)) return Optional.of(parse(Files.readAllBytes(file), key, began.getAsLong()));
    } catch (IOException | RuntimeException e) {
      // Not an index of ours: the export reads every file and writes a new one.
    }
    return Optional.of(new ExportIndex(key, Map.of(), Long.MIN_VALUE, began.getAsLong()));
  }

  private static ExportIndex parse(byte[] text, Path directory, long began) {
    byte[] header = (FORMAT + '\n' + directory + '\n').getBytes(StandardCharsets.UTF_8);
    if (text.length < header.length || !Arrays.equals(text, 0, header.length, header, 0, header.length)) {
      throw new IllegalArgumentException("an index of another directory or format");
    }
    Map<String, Entry> entries = new HashMap<>();
    // Fields are scanned in place, in bytes: splitting 17,000 lines allocated more than the rest of reading the
    // index, and decoding the text and parsing numbers through Character.digit took as long again.
    Cursor cursor = new Cursor(text, header.length);
    long cutOff = cursor.number('\n');
    while (!cursor.atEnd()) {
      String name = cursor.text(' ');
      Stamp stamp = new Stamp(cursor.number(' '), cursor.number(' '), cursor.number(' '), cursor.number(' '),
          cursor.number(' '));
      entries.put(name, new Entry(stamp, cursor.hex('\n')));
    }
    return new ExportIndex(directory, entries, cutOff, began);
  }

  /**
   * The attributes of a regular file now (one {@code lstat}); empty for a link, a folder or anything else, and when
   * they cannot be read, also where the file system has no Unix attributes (the file is then read).
   */
  static Optional<Stamp> stamp(Path file) {
    try {
      Map<String, Object> attributes = Files.readAttributes(file, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
      if (!Boolean.TRUE.equals(attributes.get("isRegularFile"))) return Optional.empty();
      return Optional.of(new Stamp((Long) attributes.get("size"), nanos(attributes.get("lastModifiedTime")),
          nanos(attributes.get("ctime")), (Long) attributes.get("dev"), (Long) attributes.get("ino")));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static long nanos(Object time) {
    return ((FileTime) time).to(TimeUnit.NANOSECONDS);
  }

  /** The checksum of a file's text. */
  static long checksum(byte[] text) {
    CRC32C castagnoli = new CRC32C();
    castagnoli.update(text);
    CRC32 ieee = new CRC32();
    ieee.update(text);
    return castagnoli.getValue() << 32 | ieee.getValue();
  }

  /**
   * True when the file {@code name}, whose attributes are {@code now}, is known to hold a text of {@code length}
   * bytes with this checksum: its entry has these attributes and is not racy.
   */
  boolean holds(String name, Stamp now, int length, long checksum) {
    Entry entry = entries.get(name);
    return entry != null && entry.checksum() == checksum && now.size() == length && entry.stamp().equals(now)
        && !racy(now);
  }

  private boolean racy(Stamp stamp) {
    return stamp.modified() >= cutOff || stamp.changed() >= cutOff;
  }

  /**
   * Keeps {@code recorded} (by file name; a file without an entry is read next time) in {@code file}, with the time
   * this export began as its cut-off, unless it is what the index held already and none of it was racy: a file
   * modified or changed since the export began may have changed again after its attributes were taken. Written to a
   * temporary file and moved into place; when it cannot be written, the old index stays, whose entries no longer
   * match the files that changed.
   */
  void write(Path file, Map<String, Entry> recorded) {
    boolean racy = false;
    for (Entry entry : recorded.values()) racy |= racy(entry.stamp());
    if (!racy && recorded.equals(entries)) return;
    StringBuilder text = new StringBuilder(64 * (recorded.size() + 3)).append(FORMAT).append('\n')
        .append(directory).append('\n').append(began).append('\n');
    recorded.forEach((name, entry) -> {
      Stamp stamp = entry.stamp();
      text.append(name).append(' ').append(stamp.size()).append(' ').append(stamp.modified()).append(' ')
          .append(stamp.changed()).append(' ').append(stamp.device()).append(' ').append(stamp.inode()).append(' ')
          .append(Long.toHexString(entry.checksum())).append('\n');
    });
    Path temporary = null;
    try {
      Files.createDirectories(file.getParent());
      temporary = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
      Files.writeString(temporary, text, StandardCharsets.UTF_8);
      Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      // Only the next export's speed depends on the index.
      try {
        if (temporary != null) Files.deleteIfExists(temporary);
      } catch (IOException ignored) {
        // Left in the cache directory.
      }
    }
  }

  /**
   * The time now on the directory's file system, in nanoseconds, in its own granularity: setting the directory's
   * modification time to what it is makes the file system stamp the directory's change time (its contents and
   * modification time stay as they are). Empty when the directory's attributes cannot be read or set.
   */
  private static OptionalLong clock(Path directory) {
    try {
      Files.setLastModifiedTime(directory, Files.getLastModifiedTime(directory));
      return OptionalLong.of(nanos(Files.getAttribute(directory, "unix:ctime")));
    } catch (IOException | RuntimeException e) {
      return OptionalLong.empty();
    }
  }

  private static Path key(Path directory) {
    return directory.toAbsolutePath().normalize();
  }

  /** Reads an index's fields one after the other; a field missing its end or holding other characters fails. */
  private static final class Cursor {
    private final byte[] text;
    private int at;

    Cursor(byte[] text, int at) {
      this.text = text;
      this.at = at;
    }

    boolean atEnd() {
      return at >= text.length;
    }

    String text(char end) {
      int stop = stop(end);
      String field = new String(text, at, stop - at, StandardCharsets.UTF_8);
      at = stop + 1;
      return field;
    }

    /** A signed decimal number, as {@code StringBuilder.append(long)} writes it. */
    long number(char end) {
      int stop = stop(end);
      boolean negative = at < stop && text[at] == '-';
      int from = negative ? at + 1 : at;
      if (from == stop) throw new IllegalArgumentException("a number of the index is empty");
      long number = 0;
      for (int i = from; i < stop; i++) {
        int digit = text[i] - '0';
        if (digit < 0 || digit > 9) throw new IllegalArgumentException("a number of the index has a non-digit");
        number = Math.addExact(Math.multiplyExact(number, 10), negative ? -digit : digit);
      }
      at = stop + 1;
      return number;
    }

    /** An unsigned hexadecimal number in lower case, as {@code Long.toHexString} writes it. */
    long hex(char end) {
      int stop = stop(end);
      if (stop == at || stop - at > 16) throw new IllegalArgumentException("a checksum of the index is malformed");
      long number = 0;
      for (int i = at; i < stop; i++) {
        int c = text[i];
        int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
        if (digit < 0) throw new IllegalArgumentException("a checksum of the index has a non-hex digit");
        number = number << 4 | digit;
      }
      at = stop + 1;
      return number;
    }

    private int stop(char end) {
      for (int i = at; i < text.length; i++) {
        if (text[i] == end) return i;
      }
      throw new IllegalArgumentException("an entry of the index ends early");
    }
  }

  /**
   * A file's attributes that change whenever it is written or replaced: size, modification and status change
   * times in nanoseconds (unlike the first, no program can set the second back), device and inode.
   */
  record Stamp(long size, long modified, long changed, long device, long inode) {
    // Written out: a record's generated equals and hashCode go through method handles, which the client compiler
    // the command line runs with leaves slow, and an export compares 17,000 of them.
    @Override
    public boolean equals(Object other) {
      return other instanceof Stamp s && size == s.size && modified == s.modified && changed == s.changed
          && device == s.device && inode == s.inode;
    }

    @Override
    public int hashCode() {
      return Long.hashCode(((size * 31 + modified) * 31 + changed) * 31 + device) * 31 + Long.hashCode(inode);
    }
  }

  /** A file's attributes when its text had this checksum. */
  record Entry(Stamp stamp, long checksum) {
    @Override
    public boolean equals(Object other) {
      return other instanceof Entry e && checksum == e.checksum && stamp.equals(e.stamp);
    }

    @Override
    public int hashCode() {
      return stamp.hashCode() * 31 + Long.hashCode(checksum);
    }
  }
}
