package io.tickstock.testkit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fails a test when a {@link WebSocketTestClient} made during it (or in its class's
 * {@code @BeforeAll}) saw a protocol error, and a class when one made in its {@code @BeforeAll} did.
 * A module registers it for every test class by JUnit's extension autodetection
 * ({@code META-INF/services/org.junit.jupiter.api.extension.Extension} naming this class, and
 * {@code junit.jupiter.extensions.autodetection.enabled=true} in {@code junit-platform.properties},
 * under {@code src/test/resources}), so a new test cannot forget the check. Tests run one at a time
 * in a JVM (the default), which the marks rely on.
 *
 * <p>Thread-safe: clients are tracked from any thread; the callbacks run on JUnit's thread.
 */
public final class WebSocketClientCheck implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback
{
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(WebSocketClientCheck.class);
    private static final String MARK = "mark";
    private static final AtomicLong MADE = new AtomicLong();
    private static final ConcurrentLinkedQueue<Tracked> TRACKED = new ConcurrentLinkedQueue<>();

    /** A client with the number it got when it connected, counting from 1 in this JVM. */
    private record Tracked(long number, WebSocketTestClient client)
    {
    }

    /** Tracks a client from the moment it connected. */
    static void track(final WebSocketTestClient client)
    {
        TRACKED.add(new Tracked(MADE.incrementAndGet(), client));
    }

    @Override
    public void beforeAll(final ExtensionContext context)
    {
        if (context.getConfigurationParameter("junit.jupiter.execution.parallel.enabled", Boolean::parseBoolean).orElse(false))
        {
            throw new IllegalStateException("WebSocketClientCheck counts the clients made since a test began: it needs " +
                "tests to run one at a time (junit.jupiter.execution.parallel.enabled is true)");
        }
        context.getStore(NAMESPACE).put(MARK, MADE.get());
    }

    @Override
    public void beforeEach(final ExtensionContext context)
    {
        context.getStore(NAMESPACE).put(MARK, MADE.get());
    }

    @Override
    public void afterEach(final ExtensionContext context)
    {
        checkTracked(context.getStore(NAMESPACE).get(MARK, Long.class));
    }

    @Override
    public void afterAll(final ExtensionContext context)
    {
        checkTracked(context.getStore(NAMESPACE).get(MARK, Long.class));
    }

    /**
     * Fails naming every protocol error seen by any client still tracked, then stops tracking
     * the clients made after {@code mark} (those made before it belong to an enclosing scope,
     * such as a {@code @BeforeAll}, and are checked again when it ends).
     */
    private static void checkTracked(final long mark)
    {
        final List<String> errors = new ArrayList<>();
        for (final Tracked tracked : TRACKED)
        {
            tracked.client().protocolErrors().forEach(error -> errors.add("client " + tracked.number() + ": " + error));
        }
        TRACKED.removeIf(tracked -> tracked.number() > mark);
        if (!errors.isEmpty())
        {
            throw new AssertionError("WebSocket protocol errors: " + errors);
        }
    }
}
