/*
 * The native client of SHIPSHAPE_DAEMON=1, which bin/shipshape runs when the build could compile it: what
 * dev.shipshape.cli.internal.daemon.DaemonClient does, without starting a JVM for each command (a JVM's start and
 * the Java client's classes cost about 140 ms of a command; this client, a few). Same protocol (Frames.java), same
 * identity text and socket name as DaemonIdentity.java, so both clients reach the same daemon, as long as the
 * environment, working directory and class path are ASCII, or UTF-8 under a UTF-8 locale (a JVM decodes them with
 * the locale's character set; otherwise each client keeps a daemon of its own).
 *
 * Usage: shipshape-daemon-client JAVA OPTIONS CLASS_PATH UMASK [ARGUMENT...]
 *
 * Exits with the command's exit code; with 254 when the command must run in a JVM of its own (no daemon can serve
 * it); with 6 when the daemon ends before the command does; killed by the signal that came before the daemon
 * accepted the command; and, after Ctrl-C or SIGTERM/SIGHUP during a command, with the daemon's answer (130).
 */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE
#define _DARWIN_C_SOURCE

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <locale.h>
#include <poll.h>
#include <pwd.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define RUN_DIRECTLY 254
#define INTERNAL_ERROR 6
#define PROTOCOL_VERSION 3
#define MAX_SOCKET_PATH 100
#define ACCEPT_WAIT_MILLIS 5000
#define START_WAIT_MILLIS 10000
#define CANCEL_WAIT_SECONDS 10
#define MAIN_CLASS "dev.shipshape.cli.Shipshape"
/* The exit code of a command cancelled by a signal when the daemon does not send its own. */
#define CANCELLED 130

#ifdef __APPLE__
#define st_mtim st_mtimespec
#endif

extern char **environ;

/* A growable byte string; on allocation failure the command runs without the daemon. */
typedef struct {
  char *bytes;
  size_t length;
  size_t capacity;
} text;

static void append_bytes(text *t, const char *bytes, size_t length) {
  if (t->length + length + 1 > t->capacity) {
    size_t capacity = t->capacity ? t->capacity : 4096;
    while (t->length + length + 1 > capacity) capacity *= 2;
    char *grown = realloc(t->bytes, capacity);
    if (grown == NULL) exit(RUN_DIRECTLY);
    t->bytes = grown;
    t->capacity = capacity;
  }
  memcpy(t->bytes + t->length, bytes, length);
  t->length += length;
  t->bytes[t->length] = '\0';
}

static void append(text *t, const char *s) { append_bytes(t, s, strlen(s)); }

static void append_char(text *t, char c) { append_bytes(t, &c, 1); }

static void append_long(text *t, long long value) {
  char digits[32];
  snprintf(digits, sizeof digits, "%lld", value);
  append(t, digits);
}

/* A big-endian int, as DataOutputStream writes it. */
static void append_int(text *t, uint32_t value) {
  char bytes[4] = {(char) (value >> 24), (char) (value >> 16), (char) (value >> 8), (char) value};
  append_bytes(t, bytes, 4);
}

/* Frames.writeText: the UTF-8 length, then the bytes. */
static void append_frame_text(text *t, const char *bytes, size_t length) {
  append_int(t, (uint32_t) length);
  append_bytes(t, bytes, length);
}

/*
 * The next UTF-16 code unit of UTF-8 text that ends at end, as Java decodes it; *pending holds the low surrogate
 * of a supplementary character. Returns -1 at the end.
 */
static int next_utf16_unit(const unsigned char **p, const unsigned char *end, int *pending) {
  if (*pending >= 0) {
    int unit = *pending;
    *pending = -1;
    return unit;
  }
  const unsigned char *s = *p;
  if (s == end) return -1;
  uint32_t cp;
  int extra;
  if (s[0] < 0x80) { cp = s[0]; extra = 0; }
  else if ((s[0] & 0xe0) == 0xc0) { cp = s[0] & 0x1f; extra = 1; }
  else if ((s[0] & 0xf0) == 0xe0) { cp = s[0] & 0x0f; extra = 2; }
  else if ((s[0] & 0xf8) == 0xf0) { cp = s[0] & 0x07; extra = 3; }
  else { *p = s + 1; return 0xfffd; }
  for (int i = 1; i <= extra; i++) {
    if (s + i == end || (s[i] & 0xc0) != 0x80) { *p = s + i; return 0xfffd; }
    cp = (cp << 6) | (s[i] & 0x3f);
  }
  *p = s + extra + 1;
  if (cp >= 0x10000) {
    cp -= 0x10000;
    *pending = (int) (0xdc00 + (cp & 0x3ff));
    return (int) (0xd800 + (cp >> 10));
  }
  return (int) cp;
}

/* String.hashCode of the text's UTF-16 code units. */
static uint32_t java_hash(const char *s, size_t length) {
  const unsigned char *p = (const unsigned char *) s, *end = p + length;
  int pending = -1;
  uint32_t hash = 0;
  int unit;
  while ((unit = next_utf16_unit(&p, end, &pending)) >= 0) hash = 31 * hash + (uint32_t) unit;
  return hash;
}

/* String.compareTo: the order of a TreeMap of the variables' names. */
static int java_compare(const char *a, const char *b) {
  const unsigned char *p = (const unsigned char *) a, *q = (const unsigned char *) b;
  const unsigned char *p_end = p + strlen(a), *q_end = q + strlen(b);
  int pa = -1, pb = -1;
  while (1) {
    int x = next_utf16_unit(&p, p_end, &pa), y = next_utf16_unit(&q, q_end, &pb);
    if (x != y || x < 0) return x - y;
  }
}

/* java.util.zip.CRC32C. */
static uint32_t crc32c(const char *bytes, size_t length) {
  uint32_t crc = 0xffffffffu;
  for (size_t i = 0; i < length; i++) {
    crc ^= (unsigned char) bytes[i];
    for (int k = 0; k < 8; k++) crc = (crc >> 1) ^ (0x82f63b78u & (0u - (crc & 1)));
  }
  return ~crc;
}

/* FileTime.toMillis of a modification time. */
static long long millis(const struct stat *s) {
  return ((long long) s->st_mtim.tv_sec * 1000000000LL + s->st_mtim.tv_nsec) / 1000000LL;
}

/* Files.walkFileTree without following links: the entries' count and their newest modification time. */
static int walk(const char *path, long long *count, long long *newest) {
  struct stat s;
  if (lstat(path, &s) != 0) return -1;
  (*count)++;
  if (millis(&s) > *newest) *newest = millis(&s);
  if (!S_ISDIR(s.st_mode)) return 0;
  DIR *directory = opendir(path);
  if (directory == NULL) return -1;
  int status = 0;
  struct dirent *entry;
  text child = {0};
  while (status == 0 && (errno = 0, entry = readdir(directory)) != NULL) {
    if (strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0) continue;
    child.length = 0;
    append(&child, path);
    append_char(&child, '/');
    append(&child, entry->d_name);
    status = walk(child.bytes, count, newest);
  }
  if (status == 0 && errno != 0) status = -1;
  free(child.bytes);
  closedir(directory);
  return status;
}

static int by_name(const void *a, const void *b) { return strcmp(*(char *const *) a, *(char *const *) b); }

static int ends_with_jar(const char *name) {
  size_t n = strlen(name);
  if (n < 4) return 0;
  const char *suffix = name + n - 4;
  return suffix[0] == '.' && (suffix[1] | 0x20) == 'j' && (suffix[2] | 0x20) == 'a' && (suffix[3] | 0x20) == 'r';
}

static int stamp(const char *entry, text *out);

/* A class path entry of every jar in a directory (a star after the slash), as the java launcher reads it. */
static int stamp_jars(const char *entry, text *out) {
  size_t n = strlen(entry);
  text directory = {0};
  append_bytes(&directory, entry, n - 1);
  const char *opened = directory.length == 0 ? "." : directory.bytes;
  struct stat s;
  if (stat(opened, &s) != 0 || !S_ISDIR(s.st_mode)) {
    free(directory.bytes);
    append(out, "absent");
    return 0;
  }
  DIR *listing = opendir(opened);
  if (listing == NULL) {
    free(directory.bytes);
    return -1;
  }
  char **jars = NULL;
  size_t count = 0, capacity = 0;
  struct dirent *file;
  while ((file = readdir(listing)) != NULL) {
    if (!ends_with_jar(file->d_name)) continue;
    if (count == capacity) {
      capacity = capacity ? capacity * 2 : 16;
      char **grown = realloc(jars, capacity * sizeof *jars);
      if (grown == NULL) exit(RUN_DIRECTLY);
      jars = grown;
    }
    jars[count] = strdup(file->d_name);
    if (jars[count++] == NULL) exit(RUN_DIRECTLY);
  }
  closedir(listing);
  if (count > 0) qsort(jars, count, sizeof *jars, by_name);
  int status = 0;
  text path = {0};
  for (size_t i = 0; i < count; i++) {
    if (status == 0) {
      path.length = 0;
      append(&path, directory.bytes);
      append(&path, jars[i]);
      append(out, jars[i]);
      append_char(out, ' ');
      status = stamp(path.bytes, out);
      append(out, "; ");
    }
    free(jars[i]);
  }
  free(jars);
  free(path.bytes);
  free(directory.bytes);
  return status;
}

/* DaemonIdentity.stamp: a file's size and modification time, a directory's file count and newest time. */
static int stamp(const char *entry, text *out) {
  size_t n = strlen(entry);
  if (strcmp(entry, "*") == 0 || (n >= 2 && strcmp(entry + n - 2, "/*") == 0)) return stamp_jars(entry, out);
  struct stat s;
  if (stat(entry, &s) != 0) {
    append(out, "absent");
    return 0;
  }
  if (!S_ISDIR(s.st_mode)) {
    append_long(out, (long long) s.st_size);
    append_char(out, '@');
    append_long(out, millis(&s));
    return 0;
  }
  long long count = 0, newest = 0;
  if (walk(entry, &count, &newest) != 0) return -1;
  append_long(out, count);
  append(out, " files, newest @");
  append_long(out, newest);
  return 0;
}

static int is_blank(const char *s) {
  if (s == NULL) return 1;
  for (; *s; s++) {
    if (strchr(" \t\n\v\f\r\x1c\x1d\x1e\x1f", *s) == NULL) return 0;
  }
  return 1;
}

/* A path as Path.of prints it: no repeated or trailing slashes. */
static void append_path(text *t, const char *path) {
  for (const char *p = path; *p; p++) {
    if (*p == '/' && t->length > 0 && t->bytes[t->length - 1] == '/') continue;
    append_char(t, *p);
  }
  if (t->length > 1 && t->bytes[t->length - 1] == '/') t->bytes[--t->length] = '\0';
}

/* The variable's value, or NULL; the first definition wins, as in System.getenv. */
static const char *variable(const char *name) {
  size_t n = strlen(name);
  for (char **e = environ; *e; e++) {
    if (strncmp(*e, name, n) == 0 && (*e)[n] == '=') return *e + n + 1;
  }
  return NULL;
}

/* DaemonIdentity.directoryFor: $XDG_RUNTIME_DIR/shipshape, else shipshape/daemon in the cache directory. */
static void socket_directory(text *out) {
  const char *runtime = variable("XDG_RUNTIME_DIR");
  if (!is_blank(runtime)) {
    append(out, runtime);
    append(out, "/shipshape");
  } else {
    const char *cache = variable("XDG_CACHE_HOME");
    if (!is_blank(cache)) {
      append(out, cache);
    } else {
      const char *home = variable("HOME");
      if (home == NULL) {
        struct passwd *user = getpwuid(getuid());
        home = user != NULL ? user->pw_dir : "";
      }
      append(out, home);
      // Path.of("", ".cache") is the relative path .cache.
      append(out, out->length > 0 ? "/.cache" : ".cache");
    }
    append(out, "/shipshape/daemon");
  }
  // As Path.of joins and prints them: no repeated or trailing slashes.
  text normalized = {0};
  append_path(&normalized, out->bytes);
  out->length = 0;
  append(out, normalized.bytes);
  free(normalized.bytes);
}

static int is_bookkeeping(const char *entry, size_t name_length) {
  static const char *const shell[] = {"_", "OLDPWD", "SHLVL"};
  static const char *const per_process[] = {"JAVA_MAIN_CLASS_", "JAVA_STARTED_ON_FIRST_THREAD_", "APP_NAME_",
      "APP_ICON_"};
  for (size_t i = 0; i < sizeof shell / sizeof *shell; i++) {
    if (strlen(shell[i]) == name_length && strncmp(entry, shell[i], name_length) == 0) return 1;
  }
  for (size_t i = 0; i < sizeof per_process / sizeof *per_process; i++) {
    size_t n = strlen(per_process[i]);
    if (name_length >= n && strncmp(entry, per_process[i], n) == 0) return 1;
  }
  return 0;
}

/* Variables as NAME=VALUE, sorted by name; a name defined twice keeps its first value. */
typedef struct {
  char *name;
  const char *entry;
  size_t order;
} env_entry;

static int by_java_name(const void *a, const void *b) {
  const env_entry *x = a, *y = b;
  int c = java_compare(x->name, y->name);
  if (c != 0) return c;
  return x->order < y->order ? -1 : x->order > y->order;
}

static void append_variables(text *out) {
  size_t count = 0;
  while (environ[count]) count++;
  env_entry *entries = calloc(count ? count : 1, sizeof *entries);
  if (entries == NULL) exit(RUN_DIRECTLY);
  size_t kept = 0;
  for (size_t i = 0; i < count; i++) {
    const char *equals = strchr(environ[i], '=');
    if (equals == NULL) continue;
    size_t name_length = (size_t) (equals - environ[i]);
    if (is_bookkeeping(environ[i], name_length)) continue;
    entries[kept].name = strndup(environ[i], name_length);
    if (entries[kept].name == NULL) exit(RUN_DIRECTLY);
    entries[kept].entry = environ[i];
    entries[kept].order = i;
    kept++;
  }
  qsort(entries, kept, sizeof *entries, by_java_name);
  for (size_t i = 0; i < kept; i++) {
    if (i == 0 || java_compare(entries[i].name, entries[i - 1].name) != 0) {
      append(out, "variable ");
      append(out, entries[i].entry);
      append_char(out, '\0');
    }
  }
  for (size_t i = 0; i < kept; i++) free(entries[i].name);
  free(entries);
}

/* DaemonIdentity.words: the options separated by white space. */
static char **words(const char *options, size_t *count) {
  char *copy = strdup(options);
  size_t capacity = 8;
  char **list = malloc(capacity * sizeof *list);
  if (copy == NULL || list == NULL) exit(RUN_DIRECTLY);
  *count = 0;
  for (char *word = strtok(copy, " \t\n\v\f\r"); word; word = strtok(NULL, " \t\n\v\f\r")) {
    if (*count + 1 == capacity) {
      capacity *= 2;
      char **grown = realloc(list, capacity * sizeof *list);
      if (grown == NULL) exit(RUN_DIRECTLY);
      list = grown;
    }
    list[(*count)++] = word;
  }
  list[*count] = NULL;
  return list;
}

/* DaemonIdentity.of: the identity's text; 0 when a class path entry cannot be read. */
static int identity(const char *java, char **options, const char *class_path, const char *working_directory,
    const char *umask, text *out) {
  int readable = 1;
  append(out, "java ");
  append(out, java);
  append_char(out, '\n');
  for (char **option = options; *option; option++) {
    append(out, "option ");
    append(out, *option);
    append_char(out, '\n');
  }
  const char *start = class_path;
  while (1) {
    const char *end = strchr(start, ':');
    size_t length = end ? (size_t) (end - start) : strlen(start);
    if (length > 0) {
      char *entry = strndup(start, length);
      if (entry == NULL) exit(RUN_DIRECTLY);
      append(out, "class path ");
      append(out, entry);
      append_char(out, ' ');
      size_t before = out->length;
      if (stamp(entry, out) != 0) {
        out->length = before;
        append(out, "unreadable");
        readable = 0;
      }
      append_char(out, '\n');
      free(entry);
    }
    if (end == NULL) break;
    start = end + 1;
  }
  append(out, "directory ");
  append(out, working_directory);
  append(out, "\numask ");
  append(out, umask);
  append_char(out, '\n');
  append_variables(out);
  return readable;
}

/* Sockets.isPrivate: a directory of this user's that nobody else may use. */
static int is_private(const char *directory) {
  struct stat s;
  return stat(directory, &s) == 0 && S_ISDIR(s.st_mode) && (s.st_mode & 077) == 0 && s.st_uid == getuid();
}

/* Sockets.createPrivateDirectory. */
static void create_private_directory(const char *directory) {
  struct stat s;
  if (stat(directory, &s) == 0 && S_ISDIR(s.st_mode)) return;
  text partial = {0};
  append(&partial, directory);
  for (char *slash = strchr(partial.bytes + 1, '/'); slash; slash = strchr(slash + 1, '/')) {
    *slash = '\0';
    mkdir(partial.bytes, 0777);
    *slash = '/';
  }
  free(partial.bytes);
  mkdir(directory, 0700);
}

static int write_all(int fd, const char *bytes, size_t length) {
  while (length > 0) {
    ssize_t written = write(fd, bytes, length);
    if (written < 0) {
      if (errno == EINTR) continue;
      return -1;
    }
    bytes += written;
    length -= (size_t) written;
  }
  return 0;
}

static int connect_to(const char *path) {
  int fd = socket(AF_UNIX, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  struct sockaddr_un address;
  memset(&address, 0, sizeof address);
  address.sun_family = AF_UNIX;
  strncpy(address.sun_path, path, sizeof address.sun_path - 1);
  if (connect(fd, (struct sockaddr *) &address, sizeof address) != 0) {
    close(fd);
    return -1;
  }
  fcntl(fd, F_SETFD, FD_CLOEXEC);
  return fd;
}

static void sleep_millis(long ms) {
  struct timespec pause = {ms / 1000, (ms % 1000) * 1000000L};
  while (nanosleep(&pause, &pause) != 0 && errno == EINTR) {}
}

static long long now_millis(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (long long) t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* Waits for the descriptor to be ready for events until the deadline; 0 when it is not. */
static int ready_before(int fd, short events, long long deadline) {
  while (1) {
    long long left = deadline - now_millis();
    if (left <= 0) return 0;
    struct pollfd ready = {fd, events, 0};
    int n = poll(&ready, 1, (int) left);
    if (n > 0) return 1;
    if (n == 0 || errno != EINTR) return 0;
  }
}

/* Writes all bytes to a non-blocking descriptor before the deadline; 0 when it cannot. */
static int write_before(int fd, const char *bytes, size_t length, long long deadline) {
  size_t sent = 0;
  while (sent < length) {
    ssize_t n = write(fd, bytes + sent, length - sent);
    if (n > 0) {
      sent += (size_t) n;
    } else if (n < 0 && errno != EINTR && (errno != EAGAIN || !ready_before(fd, POLLOUT, deadline))) {
      return 0;
    }
  }
  return 1;
}

/* Sends the request and waits for the daemon's first answer, both before the deadline; 0 when it does not come. */
static int send_before(int fd, const text *request, long long deadline) {
  int flags = fcntl(fd, F_GETFL);
  if (flags < 0 || fcntl(fd, F_SETFL, flags | O_NONBLOCK) != 0) return 0;
  return write_before(fd, request->bytes, request->length, deadline) && ready_before(fd, POLLIN, deadline)
      && fcntl(fd, F_SETFL, flags) == 0;
}

/* The signals that end a command: Ctrl-C, SIGTERM, SIGHUP. */
static void stopping_signals(sigset_t *set) {
  sigemptyset(set);
  sigaddset(set, SIGINT);
  sigaddset(set, SIGTERM);
  sigaddset(set, SIGHUP);
}

/*
 * In the forked daemon before exec: a session of its own, standard input from the identity's pipe, output
 * discarded, and nothing else of the client's (descriptors, ignored or blocked signals), as a JVM's
 * ProcessBuilder starts it.
 */
static void become_daemon(int identity_input) {
  setsid();
  struct sigaction default_action;
  memset(&default_action, 0, sizeof default_action);
  default_action.sa_handler = SIG_DFL;
  for (int signal_number = 1; signal_number < NSIG; signal_number++) sigaction(signal_number, &default_action, NULL);
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, NULL);
  // The pipe's ends and this descriptor are close-on-exec; their copies on 0, 1 and 2 are not.
  int null = open("/dev/null", O_WRONLY | O_CLOEXEC);
  dup2(identity_input, 0);
  dup2(null, 1);
  dup2(null, 2);
  long last = sysconf(_SC_OPEN_MAX);
  if (last < 0 || last > 65536) last = 65536;
  DIR *open_descriptors = opendir("/dev/fd");
  if (open_descriptors != NULL) {
    int listing = dirfd(open_descriptors);
    struct dirent *entry;
    last = 2;
    while ((entry = readdir(open_descriptors)) != NULL) {
      long fd = strtol(entry->d_name, NULL, 10);
      if (fd > last && fd != listing) last = fd;
    }
    closedir(open_descriptors);
  }
  for (long fd = 3; fd <= last; fd++) close((int) fd);
}

/*
 * DaemonClient.start: starts the daemon in the background, in a session of its own (so that the terminal's job
 * control does not reach it), writes it the identity's text, and connects once it listens. -1 when it cannot be
 * started or does not listen in time: the command then runs in a JVM of its own.
 */
static int start_daemon(const char *java, char **options, size_t option_count, const char *class_path,
    const char *socket_path, const char *directory, const text *identity_text) {
  create_private_directory(directory);
  if (!is_private(directory)) return -1;
  text serve = {0}, socket_property = {0};
  append(&serve, "-Dshipshape.daemon.serve=true");
  append(&socket_property, "-Dshipshape.daemon.socket=");
  append(&socket_property, socket_path);
  char **command = calloc(option_count + 7, sizeof *command);
  if (command == NULL) exit(RUN_DIRECTLY);
  size_t n = 0;
  command[n++] = (char *) java;
  for (size_t i = 0; i < option_count; i++) command[n++] = options[i];
  command[n++] = serve.bytes;
  command[n++] = socket_property.bytes;
  command[n++] = "-cp";
  command[n++] = (char *) class_path;
  command[n++] = MAIN_CLASS;
  command[n] = NULL;
  int input[2];
  if (pipe(input) != 0) return -1;
  fcntl(input[0], F_SETFD, FD_CLOEXEC);
  fcntl(input[1], F_SETFD, FD_CLOEXEC);
  long long deadline = now_millis() + START_WAIT_MILLIS;
  // Until the daemon has its whole identity (or is killed for not taking it in time): a client ended halfway
  // would leave a daemon serving a cut one.
  sigset_t stopping, previous;
  stopping_signals(&stopping);
  sigprocmask(SIG_BLOCK, &stopping, &previous);
  pid_t daemon = fork();
  if (daemon == 0) {
    become_daemon(input[0]);
    execvp(java, command);
    _exit(127);
  }
  close(input[0]);
  int given = daemon > 0 && fcntl(input[1], F_SETFL, O_NONBLOCK) == 0
      && write_before(input[1], identity_text->bytes, identity_text->length, deadline);
  close(input[1]);
  if (daemon > 0 && !given) {
    kill(daemon, SIGKILL);
    waitpid(daemon, NULL, 0);
  }
  sigprocmask(SIG_SETMASK, &previous, NULL);
  free(command);
  if (!given) return -1;
  int ended = 0;
  while (now_millis() < deadline) {
    int fd = connect_to(socket_path);
    if (fd >= 0) return fd;
    int status;
    // A daemon that ended with 0 found another one serving the identity, which will answer; any other end is a
    // failure to start (such as a wrong option in SHIPSHAPE_JAVA_OPTS).
    if (!ended && waitpid(daemon, &status, WNOHANG) == daemon) {
      ended = 1;
      if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return -1;
    }
    sleep_millis(20);
  }
  return -1;
}

/* The command's state, shared with the signal handlers. */
static volatile sig_atomic_t accepted_socket = -1;
static volatile sig_atomic_t cancelled = 0;

/*
 * Ctrl-C, SIGTERM or SIGHUP: before the daemon accepted the command, the client ends as the signal's default
 * would; during it, the daemon runs the command's interrupt actions and sends its exit code (130), for which the
 * client waits at most CANCEL_WAIT_SECONDS.
 */
static void on_signal(int signal_number) {
  if (accepted_socket < 0) {
    signal(signal_number, SIG_DFL);
    raise(signal_number);
    return;
  }
  if (cancelled) return;
  int saved = errno;
  cancelled = 1;
  char cancel = 'C';
  ssize_t ignored = write(accepted_socket, &cancel, 1);
  (void) ignored;
  alarm(CANCEL_WAIT_SECONDS);
  errno = saved;
}

static void on_alarm(int signal_number) {
  (void) signal_number;
  _exit(CANCELLED);
}

/* Reads exactly length bytes; 0 at a clean end before the first byte, -1 on an error or a cut frame. */
static int read_fully(int fd, char *bytes, size_t length) {
  size_t done = 0;
  while (done < length) {
    ssize_t n = read(fd, bytes + done, length - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return done == 0 && n == 0 ? 0 : -1;
    done += (size_t) n;
  }
  return 1;
}

static int read_int(int fd, int32_t *value) {
  unsigned char b[4];
  int status = read_fully(fd, (char *) b, 4);
  if (status == 1) *value = (int32_t) ((uint32_t) b[0] << 24 | (uint32_t) b[1] << 16 | (uint32_t) b[2] << 8 | b[3]);
  return status;
}

/* The daemon went away before its exit code; after a cancel, that is the end the user asked for (130). */
static void daemon_ended(const char *why) {
  if (cancelled) _exit(CANCELLED);
  fprintf(stderr, "shipshape: the daemon ended before the command did (%s); run it again, or without the daemon "
      "(SHIPSHAPE_DAEMON=0)\n", why);
  exit(INTERNAL_ERROR);
}

/* DaemonClient.relayFrames: standard output and error as the daemon writes them, then its exit code. */
static void relay_frames(int fd) {
  static char buffer[1 << 16];
  int stdout_lost = 0;
  sigset_t signals, previous;
  stopping_signals(&signals);
  while (1) {
    char frame;
    int status = read_fully(fd, &frame, 1);
    if (status <= 0) daemon_ended(status == 0 ? "end of stream" : strerror(errno));
    if (frame == 'O' || frame == 'E') {
      int32_t length;
      if (read_int(fd, &length) != 1) daemon_ended("a cut frame");
      if (length < 0) daemon_ended("a frame of negative length");
      int target = frame == 'O' ? 1 : 2;
      while (length > 0) {
        size_t chunk = (size_t) length < sizeof buffer ? (size_t) length : sizeof buffer;
        if (read_fully(fd, buffer, chunk) != 1) daemon_ended("a cut frame");
        // Like System.out, a standard output that cannot be written is noted, not fatal: the daemon asks.
        if (write_all(target, buffer, chunk) != 0 && target == 1) stdout_lost = 1;
        length -= (int32_t) chunk;
      }
    } else if (frame == 'S') {
      char answer[2] = {'S', (char) stdout_lost};
      // One frame: a cancel must not land inside it.
      sigprocmask(SIG_BLOCK, &signals, &previous);
      int failed = write_all(fd, answer, 2);
      sigprocmask(SIG_SETMASK, &previous, NULL);
      if (failed) daemon_ended(strerror(errno));
    } else if (frame == 'X') {
      int32_t code;
      if (read_int(fd, &code) != 1) daemon_ended("a cut frame");
      exit(code);
    } else {
      daemon_ended("an unknown frame");
    }
  }
}

/* False for shell, which reads the terminal, and for arguments read from an @file. */
static int servable(int count, char **args) {
  for (int i = 0; i < count; i++) {
    if (args[i][0] == '@') return 0;
    if (args[i][0] != '-') return strcmp(args[i], "shell") != 0;
  }
  return 1;
}

static int warn(const char *problem) {
  fprintf(stderr, "shipshape: SHIPSHAPE_DAEMON=1, but %s; the command runs without the daemon\n", problem);
  return RUN_DIRECTLY;
}

#ifdef __APPLE__
static int is_blank_or_unset(const char *name) {
  const char *value = getenv(name);
  return value == NULL || *value == '\0';
}
#endif

/* How a JVM of the command's own would encode standard output: the locale's character set. */
static const char *standard_output_encoding(void) {
  // As the JVM sets it: all categories at once, so that one invalid category leaves the C locale.
  setlocale(LC_ALL, "");
  const char *codeset = nl_langinfo(CODESET);
  if (codeset == NULL || *codeset == '\0') return "UTF-8";
#ifdef __APPLE__
  // As the JVM on macOS: no locale set means UTF-8, not the C locale's US-ASCII.
  if (strcmp(codeset, "US-ASCII") == 0 && is_blank_or_unset("LANG") && is_blank_or_unset("LC_ALL")
      && is_blank_or_unset("LC_CTYPE")) {
    return "UTF-8";
  }
#endif
  return codeset;
}

static int run(int argc, char **argv) {
  if (argc < 5) return RUN_DIRECTLY;
  const char *java = argv[1], *class_path = argv[3], *umask_text = argv[4];
  int count = argc - 5;
  char **args = argv + 5;
  if (!servable(count, args)) return RUN_DIRECTLY;
  char working_directory[8192];
  if (getcwd(working_directory, sizeof working_directory) == NULL) return RUN_DIRECTLY;
  size_t option_count;
  char **options = words(argv[2], &option_count);
  text identity_text = {0};
  if (!identity(java, options, class_path, working_directory, umask_text, &identity_text)) return RUN_DIRECTLY;

  text directory = {0};
  socket_directory(&directory);
  text socket_path = {0};
  append(&socket_path, directory.bytes);
  append_char(&socket_path, '/');
  char name[17];
  snprintf(name, sizeof name, "%08x%08x", java_hash(identity_text.bytes, identity_text.length),
      crc32c(identity_text.bytes, identity_text.length));
  append(&socket_path, name);
  append(&socket_path, ".sock");
  if (socket_path.length > MAX_SOCKET_PATH) {
    text problem = {0};
    append(&problem, "the path of its socket, ");
    append(&problem, socket_path.bytes);
    append(&problem, ", is too long for a Unix socket: set XDG_RUNTIME_DIR to a shorter directory");
    return warn(problem.bytes);
  }
  struct stat s;
  if (stat(directory.bytes, &s) == 0 && !is_private(directory.bytes)) {
    text problem = {0};
    append(&problem, directory.bytes);
    append(&problem, " may be opened by other users: make it yours alone (chmod 700) or remove it");
    return warn(problem.bytes);
  }

  int fd = connect_to(socket_path.bytes);
  if (fd < 0) {
    fd = start_daemon(java, options, option_count, class_path, socket_path.bytes, directory.bytes, &identity_text);
  }
  if (fd < 0) return RUN_DIRECTLY;

  text request = {0};
  append_int(&request, PROTOCOL_VERSION);
  append_frame_text(&request, identity_text.bytes, identity_text.length);
  append_char(&request, (char) (isatty(0) && isatty(1)));
  const char *encoding = standard_output_encoding();
  append_frame_text(&request, encoding, strlen(encoding));
  append_int(&request, (uint32_t) count);
  for (int i = 0; i < count; i++) append_frame_text(&request, args[i], strlen(args[i]));
  // A daemon that does not take the command and answer in time (stopped, stuck) is left alone: the command runs
  // without it.
  if (!send_before(fd, &request, now_millis() + ACCEPT_WAIT_MILLIS)) return RUN_DIRECTLY;
  char accepted;
  if (read_fully(fd, &accepted, 1) != 1 || accepted != 'A') return RUN_DIRECTLY;
  // Confirmed, the command is the daemon's to run: from then on a signal cancels it there.
  sigset_t stopping, previous;
  stopping_signals(&stopping);
  sigprocmask(SIG_BLOCK, &stopping, &previous);
  int confirmed = write_all(fd, "G", 1) == 0;
  if (confirmed) accepted_socket = fd;
  sigprocmask(SIG_SETMASK, &previous, NULL);
  if (!confirmed) return RUN_DIRECTLY;
  relay_frames(fd);
  return INTERNAL_ERROR;
}

/*
 * Handles the signal; a stopping signal only unless it is ignored (as nohup and a shell's background jobs leave
 * SIGINT). The handler runs with the other stopping signals blocked.
 */
static void handle(int signal_number, void (*handler)(int), int unless_ignored) {
  struct sigaction action, previous;
  memset(&action, 0, sizeof action);
  stopping_signals(&action.sa_mask);
  action.sa_handler = handler;
  if (unless_ignored && sigaction(signal_number, NULL, &previous) == 0 && previous.sa_handler == SIG_IGN) return;
  sigaction(signal_number, &action, NULL);
}

/*
 * A closed standard descriptor is opened on /dev/null, so that the socket never takes its number; standard output
 * and error read-only, so that writing to them fails as writing to a closed one does.
 */
static void open_standard_descriptors(void) {
  for (int fd = 0; fd <= 2; fd++) {
    if (fcntl(fd, F_GETFD) >= 0 || errno != EBADF) continue;
    int opened = open("/dev/null", O_RDONLY);
    if (opened >= 0 && opened != fd) {
      dup2(opened, fd);
      close(opened);
    }
  }
}

int main(int argc, char **argv) {
  open_standard_descriptors();
  handle(SIGINT, on_signal, 1);
  handle(SIGTERM, on_signal, 1);
  handle(SIGHUP, on_signal, 1);
  handle(SIGALRM, on_alarm, 0);
  // Like a JVM: writing to a closed pipe is an error to handle, not the end of the process.
  signal(SIGPIPE, SIG_IGN);
  return run(argc, argv);
}
