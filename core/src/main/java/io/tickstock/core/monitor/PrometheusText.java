package io.tickstock.core.monitor;

/**
 * Writes the Prometheus text format (version 0.0.4): a family's {@code # HELP} and {@code # TYPE}
 * lines, and samples with one label, its value escaped. Thread-safe: stateless.
 */
public final class PrometheusText
{
    private PrometheusText()
    {
    }

    /** The {@code # HELP} and {@code # TYPE} lines of one metric family. */
    public static void header(final StringBuilder out, final String name, final String help, final String type)
    {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    /** One sample with one label, the label's value escaped ({@code \\}, {@code "}, newline). */
    public static void sample(final StringBuilder out, final String name, final String label, final String value, final long count)
    {
        out.append(name).append('{').append(label).append("=\"");
        for (int i = 0; i < value.length(); i++)
        {
            final char c = value.charAt(i);
            switch (c)
            {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
        out.append("\"} ").append(count).append('\n');
    }
}
