package dev.secretbaker.local.internal.ssm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.secretbaker.local.internal.protocol.AwsServiceException;
import dev.secretbaker.local.internal.protocol.CallContext;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Serves one {@link SsmService} over the AWS JSON 1.1 protocol on loopback, without signature checks, so that
 * the wire shapes can be tested with the real SDK independently of the emulator's server.
 */
final class LoopbackSsmServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    final List<String> authorizations = new ArrayList<>();

    LoopbackSsmServer(SsmService service) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> handle(service, exchange));
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(SsmService service, HttpExchange exchange) throws IOException {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        byte[] body = exchange.getRequestBody().readAllBytes();
        int status = 200;
        JsonNode answer;
        try {
            answer = service.handle(target.substring(target.indexOf('.') + 1), JSON.readTree(body), context());
        } catch (AwsServiceException e) {
            status = e.httpStatus();
            ObjectNode error = JSON.createObjectNode().put("__type", e.errorCode());
            if (e.getMessage() != null) {
                error.put("message", e.getMessage());
            }
            answer = error;
        }
        byte[] out = JSON.writeValueAsBytes(answer);
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(status, out.length);
        exchange.getResponseBody().write(out);
        exchange.close();
    }

    private CallContext context() {
        return new CallContext() {
            @Override
            public String principal() {
                return "tester";
            }

            @Override
            public String region() {
                return TestKeyMaterial.REGION;
            }

            @Override
            public String accountId() {
                return TestKeyMaterial.ACCOUNT;
            }

            @Override
            public void authorize(String action, String resourceArn) {
                synchronized (authorizations) {
                    authorizations.add(action + " " + resourceArn);
                }
            }

            @Override
            public void recordWithDecryption(boolean withDecryption) {
            }
        };
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
