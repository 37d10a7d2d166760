package io.tickstock.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;

/** Free UDP ports on 127.0.0.1 for a node's stream and its recording's control (PORT and PORT+1). */
final class ClusterPorts
{
    private ClusterPorts()
    {
    }

    /** A port P such that P and P+1 were both free for UDP a moment ago. */
    static int freePair()
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
