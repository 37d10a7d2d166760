package io.tickstock.publisher.internal.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The dashboard page and its script and style, served from the classpath
 * ({@code io/tickstock/publisher/dashboard/}), read once. Only these three files are served; the
 * page loads nothing from other hosts, which its Content-Security-Policy also enforces. Thread-safe.
 */
final class DashboardAssets
{
    /** Same-origin scripts, styles and fetches only: no inline code, nothing from other hosts. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; " +
        "connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    static final String PAGE = "/dashboard";

    /** One file: its content type and bytes. */
    record Asset(String contentType, byte[] body)
    {
    }

    private final Map<String, Asset> assets;

    DashboardAssets()
    {
        final Asset page = load("index.html", "text/html; charset=utf-8");
        assets = Map.of(
            PAGE, page,
            PAGE + "/", page,
            PAGE + "/dashboard.js", load("dashboard.js", "text/javascript; charset=utf-8"),
            PAGE + "/dashboard-chart.js", load("dashboard-chart.js", "text/javascript; charset=utf-8"),
            PAGE + "/dashboard.css", load("dashboard.css", "text/css; charset=utf-8"));
    }

    /** The asset at {@code path}, or null. */
    Asset get(final String path)
    {
        return assets.get(path);
    }

    /** Whether {@code path} is the page itself (an admin endpoint) rather than its script or style. */
    static boolean isPage(final String path)
    {
        return PAGE.equals(path) || (PAGE + "/").equals(path);
    }

    private static Asset load(final String name, final String contentType)
    {
        final String resource = "dashboard/" + name;
        // the files stay beside the public package, where docs/observability.md points, not in this internal one
        try (InputStream in = DashboardAssets.class.getResourceAsStream("/io/tickstock/publisher/" + resource))
        {
            if (in == null)
            {
                throw new IllegalStateException("missing classpath resource io/tickstock/publisher/" + resource);
            }
            return new Asset(contentType, in.readAllBytes());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read io/tickstock/publisher/" + resource, ex);
        }
    }
}
