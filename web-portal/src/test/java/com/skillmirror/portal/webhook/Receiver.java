package com.skillmirror.portal.webhook;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on loopback that receives webhook deliveries: each request's path, headers and body are queued;
 * /ok answers 200, /flaky answers 500 to its first two requests and 200 after, /fail always 500.
 */
final class Receiver implements AutoCloseable {

    record Request(String path, Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    private final HttpServer server;
    final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
    private final AtomicInteger flaky = new AtomicInteger();

    Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Map<String, String> headers = new ConcurrentHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
            String path = exchange.getRequestURI().getPath();
            requests.add(new Request(path, headers, body));
            int status = switch (path) {
                case "/flaky" -> flaky.incrementAndGet() <= 2 ? 500 : 200;
                case "/fail" -> 500;
                default -> 200;
            };
            byte[] answer = ("answer " + status + " " + "x".repeat(1000)).getBytes();
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    Request next(long seconds) throws InterruptedException {
        return requests.poll(seconds, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
