package dev.shipshape.security.etcd;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A throwaway CA, a server certificate for 127.0.0.1 and a client certificate, made with openssl. */
final class TestCertificates {
  final Path ca;
  final Path serverCert;
  final Path serverKey;
  final Path clientP12;
  static final String P12_PASSWORD = "test";

  private TestCertificates(Path dir) {
    ca = dir.resolve("ca.crt");
    serverCert = dir.resolve("server.crt");
    serverKey = dir.resolve("server.key");
    clientP12 = dir.resolve("client.p12");
  }

  static TestCertificates create(Path dir) throws IOException, InterruptedException {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "skipped: openssl is absent");
    Files.writeString(dir.resolve("san.ext"), "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");
    Files.writeString(dir.resolve("client.ext"), "extendedKeyUsage=clientAuth\n");
    run(dir, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt",
        "-days", "1", "-subj", "/CN=test-ca");
    for (String who : List.of("server", "client")) {
      run(dir, "openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", who + ".key", "-out", who + ".csr",
          "-subj", "/CN=" + who);
      run(dir, "openssl", "x509", "-req", "-in", who + ".csr", "-CA", "ca.crt", "-CAkey", "ca.key",
          "-CAcreateserial", "-out", who + ".crt", "-days", "1", "-extfile",
          who.equals("server") ? "san.ext" : "client.ext");
    }
    run(dir, "openssl", "pkcs12", "-export", "-in", "client.crt", "-inkey", "client.key", "-out", "client.p12",
        "-passout", "pass:" + P12_PASSWORD);
    return new TestCertificates(dir);
  }

  private static void run(Path dir, String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("openssl.log").toFile()).start();
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: "
          + Files.readString(dir.resolve("openssl.log")));
    }
  }
}
