package dev.shipshape.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The BOM pins every module a user's build can depend on: all but the examples, the BOM and the benchmarks. */
class BomTest {
  private static final Set<String> UNPUBLISHED = Set.of("examples", "bom", "benchmarks");

  @Test
  void theBomListsEveryPublishedModule() throws Exception {
    Path root = Path.of(System.getProperty("shipshape.root.dir", ".."));
    List<String> published = new ArrayList<>();
    for (String module : texts(read(root.resolve("pom.xml")).getDocumentElement(), "module")) {
      if (UNPUBLISHED.contains(module)) continue;
      Element project = read(root.resolve(module).resolve("pom.xml")).getDocumentElement();
      published.add(directChild(project, "artifactId"));
    }
    List<String> pinned = texts(read(root.resolve("bom/pom.xml")).getDocumentElement(), "artifactId");

    assertThat(published).hasSizeGreaterThan(10);
    assertThat(pinned).containsAll(published);
  }

  private static Document read(Path pom) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
  }

  private static List<String> texts(Element in, String tag) {
    NodeList nodes = in.getElementsByTagName(tag);
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) texts.add(nodes.item(i).getTextContent().trim());
    return texts;
  }

  private static String directChild(Element parent, String tag) {
    for (org.w3c.dom.Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element && ((Element) n).getTagName().equals(tag)) return n.getTextContent().trim();
    }
    throw new AssertionError(parent.getOwnerDocument().getDocumentURI() + " has no " + tag);
  }
}
