package io.tickstock.publisher.internal.fanout;

import io.tickstock.publisher.internal.fanout.store.SnapshotTable;
import io.tickstock.publisher.internal.fanout.store.SnapshotJson;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.tickstock.channels.MarketEvent;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;

/**
 * The edge's own snapshot state ({@link SnapshotTable}, fed with every event as {@code EventFanOut}
 * feeds it) and its own encoding of a {@code snapshot} message ({@link SnapshotJson}), for
 * the reference-model tests in {@code io.tickstock.publisher.model}, which cannot reach these
 * package-private classes.
 *
 * <p>Not thread-safe: one thread applies events, and reads only after the last one.
 */
public final class EdgeSnapshots
{
    private final SnapshotTable table = new SnapshotTable();
    private final EdgeSymbols ids = new EdgeSymbols();

    public void apply(final MarketEvent event)
    {
        table.apply(event, ids.idOf(event.symbol));
    }

    /** Symbols the edge has state for, sorted. */
    public Set<String> symbols()
    {
        final Set<String> symbols = new TreeSet<>();
        for (int id = 0; id < ids.size(); id++)
        {
            if (table.get(id) != null)
            {
                symbols.add(ids.name(id));
            }
        }
        return symbols;
    }

    /** The frame the edge would send with this symbol's snapshot: a JSON array of one message. */
    public String snapshotFrame(final String symbol)
    {
        final ByteBuf frame = UnpooledByteBufAllocator.DEFAULT.buffer();
        try
        {
            frame.writeByte('[');
            SnapshotJson.write(frame, symbol, table.get(ids.find(symbol)));
            frame.writeByte(']');
            return frame.toString(StandardCharsets.UTF_8);
        }
        finally
        {
            frame.release();
        }
    }
}
