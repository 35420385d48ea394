package dev.loophole.media;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** The committed test files under src/test/resources/fixtures (see the README there for how they were made). */
final class Fixtures {
    private Fixtures() {}

    static Path path(String name) {
        try {
            var url = Fixtures.class.getResource("/fixtures/" + name);
            if (url == null) throw new IllegalArgumentException("no fixture " + name);
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
