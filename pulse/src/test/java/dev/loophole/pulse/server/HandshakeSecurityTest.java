package dev.loophole.pulse.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loophole.ipc.IpcClient;
import dev.loophole.ipc.SessionRequest;
import dev.loophole.model.project.Project;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.util.Collections;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Who gets in: the token, by query or Bearer header; browsers only from the server's own pages; loopback only by default. */
class HandshakeSecurityTest {
    private static PulseServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new PulseServer(ServerConfig.defaults(), Project.empty("t"), null).start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static URI endpoint(String query) {
        return URI.create("ws://127.0.0.1:" + server.ipc().port() + "/ipc" + query);
    }

    private static int refusedWith(URI uri, String... headers) {
        try {
            IpcClient.connect(uri, headers).close();
            return 101;
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException h) return h.getResponse().statusCode();
            throw e;
        }
    }

    @Test
    void theTokenIsNeededByQueryOrBearer() {
        String token = server.ipc().config().token();
        assertThat(token).matches("[0-9a-f]{32}");
        assertThat(refusedWith(endpoint(""))).isEqualTo(403);
        assertThat(refusedWith(endpoint("?token=" + token.replace(token.charAt(0), token.charAt(0) == 'a' ? 'b' : 'a')))).isEqualTo(403);
        try (IpcClient c = IpcClient.connect(endpoint("?token=" + token))) {
            assertThat(c.call(new SessionRequest.Initialize("q", 1)).get("serverName").asText()).isEqualTo("loophole");
        }
        try (IpcClient c = IpcClient.connect(endpoint(""), "Authorization", "Bearer " + token)) {
            assertThat(c.call(new SessionRequest.Initialize("h", 1)).get("protocolVersion").asInt()).isEqualTo(1);
        }
    }

    @Test
    void aBrowserOnlyFromTheServersOwnPage() {
        String token = server.ipc().config().token();
        int port = server.ipc().port();
        assertThat(refusedWith(endpoint("?token=" + token), "Origin", "http://evil.example")).isEqualTo(403);
        assertThat(refusedWith(endpoint("?token=" + token), "Origin", "http://127.0.0.1:" + (port + 1))).isEqualTo(403);
        assertThat(refusedWith(endpoint("?token=" + token), "Origin", "http://127.0.0.1:" + port)).isEqualTo(101);
        assertThat(refusedWith(endpoint("?token=" + token), "Origin", "http://localhost:" + port)).isEqualTo(101);
    }

    @Test
    void thePrintedUrlServesAPage() throws Exception {
        assertThat(server.url()).matches("http://127\\.0\\.0\\.1:\\d+/\\?token=[0-9a-f]{32}");
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("/ipc");
    }

    @Test
    void loopbackOnlyByDefault() throws Exception {
        InetAddress outside = null;
        for (NetworkInterface n : Collections.list(NetworkInterface.getNetworkInterfaces()))
            for (InetAddress a : Collections.list(n.getInetAddresses()))
                if (a instanceof Inet4Address && !a.isLoopbackAddress() && n.isUp()) outside = a;
        org.junit.jupiter.api.Assumptions.assumeTrue(outside != null, "no non-loopback address on this machine");
        InetAddress address = outside;
        assertThatThrownBy(() -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(address, server.ipc().port()), 2000);
            }
        }).isInstanceOf(java.io.IOException.class);
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.ipc().port()), 2000);
            assertThat(s.isConnected()).isTrue();
        }
    }
}
