package io.tickstock.publisher;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import me.normanmaurer.maven.autobahntestsuite.AutobahnTestSuite;
import me.normanmaurer.maven.autobahntestsuite.FuzzingCaseResult;
import org.junit.jupiter.api.Test;
import org.python.util.PythonInterpreter;
import org.junit.jupiter.api.Timeout;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Autobahn|Testsuite fuzzing client, cases 1 to 7 (framing, pings and pongs, reserved bits,
 * opcodes, fragmentation, UTF-8, close handling), against the edge's own frame handling
 * ({@link AutobahnEchoServer}) on 127.0.0.1, in the profile {@code autobahn}:
 * {@code ./mvnw verify -Pautobahn}.
 *
 * <p>The suite is the one the Autobahn Maven plugin bundles (run in Jython), called directly with a
 * loopback URL: the plugin itself connects to whatever this host's name resolves to, which on some
 * machines is not a loopback address. Every case must end OK, NON-STRICT (allowed by RFC 6455, for
 * example a close sent before the whole invalid UTF-8 message arrived) or INFORMATIONAL, and close
 * the connection OK or INFORMATIONAL; the number of
 * cases is pinned so that a case set that silently shrinks fails too. Reports are written to
 * {@code target/autobahntestsuite-reports/}.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class AutobahnIT
{
    private static final List<String> CASES = List.of("1.*", "2.*", "3.*", "4.*", "5.*", "6.*", "7.*");
    /** What the suite bundled with plugin 0.1.5 holds for {@link #CASES}. */
    private static final int CASE_COUNT = 246;
    private static final Set<String> PASSING = Set.of("OK", "NON_STRICT", "INFORMATIONAL");
    private static final Set<String> CLEAN_CLOSE = Set.of("OK", "INFORMATIONAL");

    @Test
    void shouldPassAutobahnCasesOneToSevenOnLoopback() throws InterruptedException
    {
        // Python's io module first: else, once the suite's imports have made Jython see the Java
        // packages io.netty and io.tickstock on the class path, "from io import BytesIO" finds the
        // Java package "io" (the interpreters share one sys.modules).
        try (PythonInterpreter python = new PythonInterpreter())
        {
            python.exec("import io");
        }
        final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try
        {
            final Channel server = AutobahnEchoServer.start(group, 0);
            final int port = ((InetSocketAddress)server.localAddress()).getPort();
            final List<FuzzingCaseResult> results = AutobahnTestSuite.runFuzzingClient(
                "tickstock", "ws://127.0.0.1:" + port, Map.of("version", 18), CASES, List.of());

            final Map<String, String> failed = new TreeMap<>();
            for (final FuzzingCaseResult result : results)
            {
                final String behavior = String.valueOf((Object)result.behavior());
                final String close = String.valueOf((Object)result.behaviorClose());
                if (!PASSING.contains(behavior) || !CLEAN_CLOSE.contains(close))
                {
                    failed.put(result.caseName(), behavior + " (close: " + close + ", report " + result.reportFile() + ")");
                }
            }
            assertTrue(failed.isEmpty(), () -> failed.size() + " case(s) failed:\n  " + failed.entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining("\n  ")));
            final Map<String, Long> byGroup = results.stream().collect(
                Collectors.groupingBy(r -> r.caseName().substring(0, r.caseName().indexOf('.')), TreeMap::new, Collectors.counting()));
            assertEquals(CASE_COUNT, results.size(), "cases run, by group: " + byGroup);
            assertEquals(CASES.size(), byGroup.size(), "every case group ran: " + byGroup);
        }
        finally
        {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }
}
