package dev.shipshape.cli.internal.daemon;

import java.util.List;

/** The daemon through its Java client, which {@code bin/shipshape} runs where the native one was not built. */
class JavaClientDaemonTest extends DaemonContractTest {
  @Override
  List<String> client(String java, String options, String classPath, String umask) {
    return javaClient(java, options, classPath, umask);
  }
}
