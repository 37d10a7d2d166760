package io.tickstock.publisher.internal.fanout;

import io.tickstock.channels.EventType;
import io.tickstock.publisher.ClientCounts;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * One connected client as {@code /debug/clients} shows it: who, what it subscribed to, and its
 * delivery counts at one moment.
 *
 * @param id            the connection's short id (Netty's channel id).
 * @param remote        the peer's address, {@code host:port}.
 * @param connectedAtMs when the handshake completed, milliseconds since the epoch.
 * @param symbols       named symbols subscribed.
 * @param all           whether {@code *} is subscribed (for at least one event type).
 * @param events        the union of the event types subscribed, as a mask over {@link EventType#bit()}.
 * @param counts        delivery counts; {@code matched = sent + conflated + dropped + queued}.
 * @param closing       whether the connection is being closed (slow consumer or shutdown).
 */
public record ClientView(
    String id,
    String remote,
    long connectedAtMs,
    int symbols,
    boolean all,
    int events,
    ClientCounts counts,
    boolean closing)
{
    /** The event types of {@link #events()} by wire name, in protocol order. */
    public List<String> eventNames()
    {
        final List<String> names = new ArrayList<>();
        for (final EventType type : EventType.values())
        {
            if ((events & type.bit()) != 0)
            {
                names.add(type.wireName());
            }
        }
        return names;
    }

    /** An address as /debug/clients shows it: {@code host:port}, an IPv6 host in brackets. */
    public static String address(final SocketAddress address)
    {
        if (address instanceof InetSocketAddress)
        {
            final InetSocketAddress inet = (InetSocketAddress)address;
            final String host = inet.getHostString();
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + inet.getPort();
        }
        return String.valueOf(address);
    }
}
