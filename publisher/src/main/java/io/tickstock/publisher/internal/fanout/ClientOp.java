package io.tickstock.publisher.internal.fanout;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickstock.channels.EventType;
import io.tickstock.channels.Symbols;

import java.util.ArrayList;
import java.util.List;

/**
 * One client operation (docs/protocol.md §2.1), parsed and validated whole: either every field is
 * good, or {@link #errorCode} says why and nothing of it applies. The connection's handler parses
 * it and reads what it needs to answer or hand it on; the fan-out applies it.
 *
 * <p>Not thread-safe: parsed on a connection's event loop, then handed whole to the fan-out.
 */
public final class ClientOp
{
    public static final String SUBSCRIBE = "subscribe";
    public static final String UNSUBSCRIBE = "unsubscribe";
    public static final String PING = "ping";

    /** Every event type but {@code trade}: what a subscribe without {@code events} gets. */
    static final int DEFAULT_SUBSCRIBE_EVENTS = EventType.allMask() & ~EventType.TRADE.bit();

    String op;
    String id;
    final List<String> symbols = new ArrayList<>();
    int events;
    boolean snapshot = true;
    boolean hasResume;
    String resumeEpoch;
    long resumeId;
    String errorCode;
    String errorMessage;

    /** Parses one op object. */
    public static ClientOp parse(final JsonNode node)
    {
        final ClientOp op = new ClientOp();
        if (!node.isObject())
        {
            return op.fail("bad_request", "an op must be a JSON object");
        }
        final JsonNode id = node.get("id");
        if (id != null && !id.isNull())
        {
            if (!id.isTextual())
            {
                return op.fail("bad_request", "id must be a string");
            }
            op.id = id.textValue();
        }
        final JsonNode name = node.get("op");
        if (name == null || !name.isTextual())
        {
            return op.fail("bad_request", "op must be a string: subscribe, unsubscribe or ping");
        }
        op.op = name.textValue();
        switch (op.op)
        {
            case SUBSCRIBE:
                if (op.parseSymbols(node) && op.parseEvents(node, DEFAULT_SUBSCRIBE_EVENTS) && op.parseSnapshot(node))
                {
                    op.parseResume(node);
                }
                return op;
            case UNSUBSCRIBE:
                if (op.parseSymbols(node))
                {
                    op.parseEvents(node, EventType.allMask());
                }
                return op;
            case PING:
                return op;
            default:
                return op.fail("unknown_op", "unknown op '" + op.op + "'; ops: subscribe, unsubscribe, ping");
        }
    }

    public boolean isError()
    {
        return errorCode != null;
    }

    /** {@link #SUBSCRIBE}, {@link #UNSUBSCRIBE}, {@link #PING}, or what the client sent when it is none of them. */
    public String op()
    {
        return op;
    }

    /** The client's id for the op, echoed in its answer; null when it gave none. */
    public String id()
    {
        return id;
    }

    /** Why the op was refused ({@code bad_request}, {@code unknown_op}, ...); null when it was not. */
    public String errorCode()
    {
        return errorCode;
    }

    public String errorMessage()
    {
        return errorMessage;
    }

    private boolean parseSymbols(final JsonNode node)
    {
        final JsonNode symbolsNode = node.get("symbols");
        if (symbolsNode == null || !symbolsNode.isArray() || symbolsNode.isEmpty())
        {
            fail("bad_request", "symbols must be a non-empty array");
            return false;
        }
        for (final JsonNode symbol : symbolsNode)
        {
            if (!symbol.isTextual())
            {
                fail("bad_request", "symbols must hold strings");
                return false;
            }
            final String text = symbol.textValue();
            if (!"*".equals(text) && !Symbols.isValid(text))
            {
                fail("invalid_symbol", "'" + text + "' is not a valid symbol: [A-Z][A-Z0-9.-]{0,15}, or \"*\"");
                return false;
            }
            if (!symbols.contains(text))
            {
                symbols.add(text);
            }
        }
        return true;
    }

    private boolean parseEvents(final JsonNode node, final int defaultEvents)
    {
        final JsonNode eventsNode = node.get("events");
        if (eventsNode == null || eventsNode.isNull())
        {
            events = defaultEvents;
            return true;
        }
        if (!eventsNode.isArray() || eventsNode.isEmpty())
        {
            fail("bad_request", "events must be a non-empty array of event names");
            return false;
        }
        for (final JsonNode event : eventsNode)
        {
            final EventType type = event.isTextual() ? EventType.ofWireName(event.textValue()) : null;
            if (type == null)
            {
                fail("bad_request", "unknown event " + event + "; events: trade, high, low, trend, surge, bar, fmv");
                return false;
            }
            events |= type.bit();
        }
        return true;
    }

    private boolean parseSnapshot(final JsonNode node)
    {
        final JsonNode snapshotNode = node.get("snapshot");
        if (snapshotNode == null || snapshotNode.isNull())
        {
            return true;
        }
        if (!snapshotNode.isBoolean())
        {
            fail("bad_request", "snapshot must be true or false");
            return false;
        }
        snapshot = snapshotNode.booleanValue();
        return true;
    }

    private boolean parseResume(final JsonNode node)
    {
        final JsonNode resume = node.get("resumeFrom");
        if (resume == null || resume.isNull())
        {
            return true;
        }
        final JsonNode epoch = resume.get("epoch");
        final JsonNode lastId = resume.get("id");
        if (!resume.isObject() || epoch == null || !epoch.isTextual() || lastId == null || !lastId.canConvertToExactIntegral() ||
            !lastId.canConvertToLong() || lastId.longValue() < 0)
        {
            fail("bad_request", "resumeFrom must be {\"epoch\": string, \"id\": non-negative integer}");
            return false;
        }
        hasResume = true;
        resumeEpoch = epoch.textValue();
        resumeId = lastId.longValue();
        return true;
    }

    ClientOp fail(final String code, final String message)
    {
        errorCode = code;
        errorMessage = message;
        return this;
    }
}
