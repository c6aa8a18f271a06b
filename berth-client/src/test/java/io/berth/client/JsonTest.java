package io.berth.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void parsesNestedValuesInOrder() throws IOException {
    Map<String, Object> m = JsonParser.parseObject(
        "{\"b\":1,\"a\":[true,false,null,-2.5e1,\"x\\\"\\u00e9\\n\"],\"big\":18446744073709551615,\"e\":{}}".getBytes());
    assertEquals(List.of("b", "a", "big", "e"), List.copyOf(m.keySet()));
    assertEquals(1L, m.get("b"));
    List<?> a = (List<?>) m.get("a");
    assertEquals(true, a.get(0));
    assertNull(a.get(2));
    assertEquals(-25.0, a.get(3));
    assertEquals("x\"é\n", a.get(4));
    assertEquals(new BigInteger("18446744073709551615"), m.get("big"));
  }

  @Test
  void rejectsMalformedJson() {
    assertThrows(IOException.class, () -> JsonParser.parse("{\"a\":}"));
    assertThrows(IOException.class, () -> JsonParser.parse("[1,2"));
    assertThrows(IOException.class, () -> JsonParser.parse("{} x"));
  }

  @Test
  void writesLikeGo() throws IOException {
    String json = JsonWriter.write(Map.of("k", List.of("<none>", 3L, 1.5, Boolean.TRUE)));
    assertEquals("{\"k\":[\"\\u003cnone\\u003e\",3,1.5,true]}", json);
    assertEquals("\"a\\tb\\u0001\"", JsonWriter.write("a\tb\u0001"));
    assertEquals(Map.of("k", List.of("<none>", 3L, 1.5, true)), JsonParser.parse(json));
  }
}
