package io.tickstock.publisher;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test when a {@link WebSocketTestClient} made during it (or in its class's
 * {@code @BeforeAll}) saw a protocol error, and a class when one made in its {@code @BeforeAll} did.
 * Registered for every test class of the module by JUnit's extension autodetection
 * ({@code META-INF/services/org.junit.jupiter.api.extension.Extension} and
 * {@code junit-platform.properties} under {@code src/test/resources}), so a new test cannot forget
 * the check. Tests run one at a time in a JVM (the default), which the marks rely on.
 */
public final class WebSocketClientCheck implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback
{
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(WebSocketClientCheck.class);
    private static final String MARK = "mark";

    @Override
    public void beforeAll(final ExtensionContext context)
    {
        if (context.getConfigurationParameter("junit.jupiter.execution.parallel.enabled", Boolean::parseBoolean).orElse(false))
        {
            throw new IllegalStateException("WebSocketClientCheck counts the clients made since a test began: it needs " +
                "tests to run one at a time (junit.jupiter.execution.parallel.enabled is true)");
        }
        context.getStore(NAMESPACE).put(MARK, WebSocketTestClient.made());
    }

    @Override
    public void beforeEach(final ExtensionContext context)
    {
        context.getStore(NAMESPACE).put(MARK, WebSocketTestClient.made());
    }

    @Override
    public void afterEach(final ExtensionContext context)
    {
        WebSocketTestClient.checkTracked(context.getStore(NAMESPACE).get(MARK, Long.class));
    }

    @Override
    public void afterAll(final ExtensionContext context)
    {
        WebSocketTestClient.checkTracked(context.getStore(NAMESPACE).get(MARK, Long.class));
    }
}
