package io.berth.oci;

import java.util.ArrayDeque;
import java.util.Deque;

/** Go's filepath.Join for slash paths: joined, then Clean'ed (no "." or "..", no double slashes). */
final class GoPathJoin {
    private GoPathJoin() {
    }

    static String join(String first, String second) {
        String joined = first.isEmpty() ? second : second.isEmpty() ? first : first + "/" + second;
        return clean(joined);
    }

    static String clean(String path) {
        if (path.isEmpty()) {
            return ".";
        }
        boolean rooted = path.startsWith("/");
        Deque<String> parts = new ArrayDeque<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!parts.isEmpty() && !parts.peekLast().equals("..")) {
                    parts.removeLast();
                } else if (!rooted) {
                    parts.addLast("..");
                }
                continue;
            }
            parts.addLast(part);
        }
        String body = String.join("/", parts);
        if (rooted) {
            return "/" + body;
        }
        return body.isEmpty() ? "." : body;
    }
}
