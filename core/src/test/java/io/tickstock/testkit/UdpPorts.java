package io.tickstock.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;

/** Free UDP ports on 127.0.0.1: a scale-out node's stream and its recording's control take PORT and PORT+1 (docs/scale-out.md). */
public final class UdpPorts
{
    private UdpPorts()
    {
    }

    /** A port P such that P and P+1 were both free for UDP a moment ago. */
    public static int freePair()
    {
        for (int attempt = 0; attempt < 100; attempt++)
        {
            try (DatagramSocket first = new DatagramSocket(0, InetAddress.getLoopbackAddress()))
            {
                final int port = first.getLocalPort();
                if (port >= 65_534)
                {
                    continue;
                }
                try (DatagramSocket second = new DatagramSocket(port + 1, InetAddress.getLoopbackAddress()))
                {
                    return port;
                }
                catch (final IOException taken)
                {
                    // try another pair
                }
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }
        throw new IllegalStateException("no two free consecutive UDP ports on 127.0.0.1");
    }
}
