package io.tickstock.publisher.internal.socketio;

import io.netty.handler.codec.http.QueryStringDecoder;

import java.util.List;

/**
 * What the compatibility endpoint speaks of Engine.IO v4 and Socket.IO v5 (docs/compat.md): its
 * path, the packets it sends and reads, and the refusal of what it does not serve.
 */
public final class EngineIo
{
    /** The endpoint's path; the socket.io client asks for {@code /socket.io/?EIO=4&transport=websocket}. */
    public static final String PATH = "/socket.io/";
    /** Sent as {@code pingInterval} in the open packet: the server pings this often. */
    static final int PING_INTERVAL_MS = 10_000;
    /** Sent as {@code pingTimeout}: how long after a ping the client's pong may take. */
    static final int PING_TIMEOUT_MS = 60_000;

    static final String PING = "2";
    static final String PONG = "3";
    static final String CONNECT = "40";
    static final String DISCONNECT = "41";
    /** An Engine.IO close packet. */
    static final String CLOSE = "1";

    private EngineIo()
    {
    }

    /** Whether {@code path} is the endpoint's, with or without its trailing slash. */
    public static boolean isPath(final String path)
    {
        return path.equals(PATH) || path.equals("/socket.io");
    }

    /**
     * Engine.IO's error answer for a request this endpoint does not serve, sent with 400:
     * {@code {"code":5,"message":"Unsupported protocol version"}} unless {@code EIO=4},
     * {@code {"code":0,"message":"Transport unknown"}} unless {@code transport=websocket} (no long
     * polling); null for a request it serves.
     */
    public static String refusal(final String uri)
    {
        final QueryStringDecoder query = new QueryStringDecoder(uri);
        final List<String> eio = query.parameters().get("EIO");
        if (eio == null || !eio.equals(List.of("4")))
        {
            return "{\"code\":5,\"message\":\"Unsupported protocol version\"}";
        }
        final List<String> transport = query.parameters().get("transport");
        if (transport == null || !transport.equals(List.of("websocket")))
        {
            return "{\"code\":0,\"message\":\"Transport unknown\"}";
        }
        return null;
    }
}
