package io.berth.daemon.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.BerthException;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueryTest {
  @Test
  void multiValuedAndDecoded() {
    Query q = Query.parse("filters=%7B%22label%22%3A%7B%22a%3Db%22%3Atrue%7D%7D&t=a&t=b+c&empty=&flag");
    assertEquals("{\"label\":{\"a=b\":true}}", q.get("filters"));
    assertEquals(List.of("a", "b c"), q.all("t"));
    assertEquals("", q.get("empty"));
    assertTrue(q.has("flag"));
    assertNull(q.get("missing"));
    assertEquals("d", q.get("missing", "d"));
  }

  @Test
  void booleansFollowMoby() {
    Query q = Query.parse("a=1&b=true&c=0&d=false&e=no&f=none&g=&h=yes&i=False");
    assertTrue(q.bool("a"));
    assertTrue(q.bool("b"));
    assertFalse(q.bool("c"));
    assertFalse(q.bool("d"));
    assertFalse(q.bool("e"));
    assertFalse(q.bool("f"));
    assertFalse(q.bool("g"));
    assertTrue(q.bool("h"));
    assertFalse(q.bool("i"));
    assertFalse(q.bool("absent"));
    assertTrue(q.bool("absent", true));
    assertTrue(q.bool("g", true));
    assertFalse(q.bool("c", true));
  }

  @Test
  void integersAndTheirErrors() {
    Query q = Query.parse("n=42&bad=x");
    assertEquals(42, q.intValue("n", 0));
    assertEquals(-1, q.longValue("absent", -1));
    var e = assertThrows(BerthException.InvalidParameter.class, () -> q.intValue("bad", 0));
    assertEquals("strconv.ParseInt: parsing \"x\": invalid syntax", e.getMessage());
  }

  @Test
  void badEscapesAreInvalidParameters() {
    var e = assertThrows(BerthException.InvalidParameter.class, () -> Query.parse("a=%zz"));
    assertEquals("invalid URL escape \"%zz\"", e.getMessage());
  }

  @Test
  void headersCanonicaliseLikeGo() {
    assertEquals("Api-Version", Headers.canonical("api-version"));
    assertEquals("Ostype", Headers.canonical("OSTYPE"));
    Headers h = Headers.of("connection", "keep-alive, Upgrade");
    assertTrue(h.hasToken("Connection", "upgrade"));
    assertFalse(h.hasToken("Connection", "close"));
  }
}
