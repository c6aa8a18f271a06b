package io.berth.archive;

import java.util.ArrayList;
import java.util.List;

/** Go's path.Clean and path.Join, which Docker applies to tar names. */
final class GoPath {
    private GoPath() {
    }

    /** Lexical cleaning: no "//", no ".", inner ".." folded, ".." above "/" dropped; "" becomes ".". */
    static String clean(String path) {
        if (path.isEmpty()) {
            return ".";
        }
        boolean rooted = path.startsWith("/");
        List<String> out = new ArrayList<>();
        int leadingDotDots = 0;
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (out.size() > leadingDotDots) {
                    out.removeLast();
                } else if (!rooted) {
                    out.add("..");
                    leadingDotDots++;
                }
                continue;
            }
            out.add(part);
        }
        String joined = String.join("/", out);
        if (rooted) {
            return "/" + joined;
        }
        return joined.isEmpty() ? "." : joined;
    }

    static String join(String... elements) {
        StringBuilder b = new StringBuilder();
        for (String e : elements) {
            if (e.isEmpty()) {
                continue;
            }
            if (!b.isEmpty()) {
                b.append('/');
            }
            b.append(e);
        }
        return b.isEmpty() ? "" : clean(b.toString());
    }
}
