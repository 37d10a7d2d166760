package io.tickstock.core.alert;

import java.util.Locale;

/** How serious an alert is, from least to most. */
public enum Severity
{
    INFO,
    WARNING,
    ERROR,
    CRITICAL;

    /** The name in configuration, JSON and logs: {@code info}, {@code warning}, {@code error}, {@code critical}. */
    public String configName()
    {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the key and the allowed values. */
    public static Severity fromConfig(final String key, final String value)
    {
        for (final Severity severity : values())
        {
            if (severity.configName().equals(value))
            {
                return severity;
            }
        }
        throw new IllegalArgumentException(key + ": '" + value + "' is not allowed; allowed: info, warning, error, critical");
    }
}
