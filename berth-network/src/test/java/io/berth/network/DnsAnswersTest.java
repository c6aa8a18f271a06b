package io.berth.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** The embedded DNS server's answers, from a table of names instead of live networks. */
class DnsAnswersTest {
  /** web has both families, old has IPv4 only. */
  private static final DnsAnswers.Names NAMES = new DnsAnswers.Names() {
    private final Map<String, List<String>> v4 = Map.of("web", List.of("172.19.0.2"), "old", List.of("172.19.0.3"));
    private final Map<String, List<String>> v6 = Map.of("web", List.of("fd00:1::2"));

    @Override
    public List<String> lookup(String containerId, String name, boolean ipv6) {
      return (ipv6 ? v6 : v4).getOrDefault(name, List.of());
    }

    @Override
    public String reverse(String containerId, String ip) {
      return ip.equals("fd00:1::2") || ip.equals("172.19.0.2") ? "web.net" : null;
    }

    @Override
    public boolean forwards(String containerId) {
      return true;
    }
  };

  private static Message ask(String name, int type) throws Exception {
    Message q = Message.newQuery(Record.newRecord(Name.fromString(name + "."), type, 1));
    byte[] answer = DnsAnswers.local(NAMES, "c", q.toWire());
    return answer == null ? null : new Message(answer);
  }

  @Test
  void answersBothFamiliesAndAnEmptyAnswerForTheMissingOne() throws Exception {
    Message a = ask("web", Type.A);
    assertEquals("172.19.0.2", a.getSection(Section.ANSWER).getFirst().rdataToString());
    Message aaaa = ask("web", Type.AAAA);
    assertEquals(InetAddress.ofLiteral("fd00:1::2"),
        ((AAAARecord) aaaa.getSection(Section.ANSWER).getFirst()).getAddress());
    assertEquals(600, aaaa.getSection(Section.ANSWER).getFirst().getTTL());
    Message none = ask("old", Type.AAAA);
    assertEquals(Rcode.NOERROR, none.getRcode());
    assertEquals(0, none.getSection(Section.ANSWER).size(), "known name, no IPv6 address: no records, no error");
    assertNull(ask("example.com", Type.AAAA), "unknown names go upstream");
  }

  @Test
  void reverseLookupsOfBothFamilies() throws Exception {
    assertEquals("web.net.", ask("2.0.19.172.in-addr.arpa", Type.PTR).getSection(Section.ANSWER).getFirst()
        .rdataToString());
    String nibbles = "2.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.1.0.0.0.0.0.d.f.ip6.arpa";
    assertEquals("web.net.", ask(nibbles, Type.PTR).getSection(Section.ANSWER).getFirst().rdataToString());
    assertNull(ask("3.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.1.0.0.0.0.0.d.f.ip6.arpa", Type.PTR));
  }
}
